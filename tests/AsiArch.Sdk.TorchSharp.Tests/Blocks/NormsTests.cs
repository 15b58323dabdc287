using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

[Collection("torch")]
public sealed class NormsTests
{
    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(false, 0.25)]
    [InlineData(true, 1.0)]
    public void Normalize_ValuesAndGradients_MatchTheFormulaUnderAutograd(bool meanSquare, double scale)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        // A strided view, as the layers pass head-split activations.
        var wide = randn(3, 7, 2, 16, dtype: ScalarType.Float64, requires_grad: true);
        var x = wide.transpose(1, 2);
        var upstream = randn(3, 2, 7, 16, dtype: ScalarType.Float64);
        const double eps = 1e-5;

        var ours = meanSquare ? Norms.RmsNormalize(x, eps) : Norms.L2Normalize(x, eps, scale);
        var sumOfSquares = meanSquare ? x.square().mean([-1], keepdim: true) : x.square().sum(-1, keepdim: true);
        var reference = x * (sumOfSquares + eps).rsqrt() * scale;

        TensorAssert.Close(reference, ours, 1e-12);
        var ourGrad = autograd.grad([(ours * upstream).sum()], [wide])[0];
        var referenceGrad = autograd.grad([(reference * upstream).sum()], [wide])[0];
        TensorAssert.Close(referenceGrad, ourGrad, 1e-10);
    }

    [Fact]
    public void L2Normalize_ZeroVector_StaysFiniteWithFiniteGradient()
    {
        using var scope = NewDisposeScope();
        var x = zeros(2, 4, requires_grad: true);

        var y = Norms.L2Normalize(x);
        var grad = autograd.grad([y.sum()], [x])[0];

        Assert.Equal(0f, y.abs().max().item<float>());
        Assert.True(grad.isfinite().all().item<bool>());
    }
}
