using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

[Collection("torch")]
public sealed class UnitLowerTriangularTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(37)]
    public void Inverse_AnySize_MatchesDenseInverse(int size)
    {
        using var scope = NewDisposeScope();
        manual_seed(size);
        var matrix = randn(2, 3, size, size, dtype: ScalarType.Float64) * 0.5;
        var unitLower = matrix.tril(-1) + eye(size, dtype: ScalarType.Float64);

        TensorAssert.Close(linalg.inv(unitLower), UnitLowerTriangular.Inverse(matrix), 1e-9);
    }

    [Fact]
    public void Inverse_EntriesAboveOne_IsExactlyLowerTriangularAndInverts()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);

        // Entries well above 1 below the diagonal: large inverse entries, still exactly zero above the diagonal.
        var matrix = randn(3, 2, 9, 9, dtype: ScalarType.Float64) * 4.0;
        var unitLower = matrix.tril(-1) + eye(9, dtype: ScalarType.Float64);

        var inverse = UnitLowerTriangular.Inverse(matrix);

        Assert.Equal(0.0, inverse.triu(1).abs().max().item<double>());
        TensorAssert.Close(eye(9, dtype: ScalarType.Float64).expand(3, 2, 9, 9), unitLower.matmul(inverse), 1e-9);
    }

    [Fact]
    public void Inverse_IgnoresDiagonalAndUpperTriangle()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var matrix = randn(4, 6, 6, dtype: ScalarType.Float64);
        var changedAbove = matrix + randn(4, 6, 6, dtype: ScalarType.Float64).triu();

        TensorAssert.Close(UnitLowerTriangular.Inverse(matrix), UnitLowerTriangular.Inverse(changedAbove), 1e-12);
    }

    [Theory]
    [InlineData(ScalarType.Float64, 1e-9)]
    [InlineData(ScalarType.Float32, 2e-5)]
    public void UtTransform_Solve_MatchesTriangularSolveWithGradients(ScalarType dtype, double tolerance)
    {
        // Float64 goes through the explicit inverse, float32 through substitution (the kernel on x64); a width of 43
        // runs the kernel's four-vector loop, its one-vector loop and its scalar tail.
        using var scope = NewDisposeScope();
        manual_seed(4);
        var gram0 = randn(2, 3, 12, 12, dtype: ScalarType.Float64) * 0.4;
        var rhs0 = randn(2, 3, 12, 43, dtype: ScalarType.Float64);
        var weights = randn(2, 3, 12, 43, dtype: ScalarType.Float64);

        (Tensor Output, Tensor GramGrad, Tensor RhsGrad) Run(bool custom)
        {
            var gram = gram0.to_type(custom ? dtype : ScalarType.Float64).detach().requires_grad_();
            var rhs = rhs0.to_type(custom ? dtype : ScalarType.Float64).detach().requires_grad_();
            var output = custom
                ? UtTransform.Solve(gram, rhs)
                : linalg.solve_triangular(gram.tril(-1) + eye(12, dtype: ScalarType.Float64), rhs, upper: false, unitriangular: true);
            (output * weights.to_type(output.dtype)).sum().backward();
            return (output.detach().to_type(ScalarType.Float64), gram.grad!.to_type(ScalarType.Float64), rhs.grad!.to_type(ScalarType.Float64));
        }

        var expected = Run(custom: false);
        var actual = Run(custom: true);

        TensorAssert.Close(expected.Output, actual.Output, tolerance * expected.Output.abs().max().item<double>());
        TensorAssert.Close(expected.GramGrad, actual.GramGrad, tolerance * expected.GramGrad.abs().max().item<double>());
        TensorAssert.Close(expected.RhsGrad, actual.RhsGrad, tolerance * expected.RhsGrad.abs().max().item<double>());
    }
}
