using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

[Collection("torch")]
public sealed class NormsTests
{
    // Both dtypes are checked against the formula under autograd in float64.
    [Theory]
    [InlineData(false, 1.0, 16, false)]
    [InlineData(false, 0.25, 19, false)]
    [InlineData(true, 1.0, 5, false)]
    [InlineData(false, 0.25, 16, true)]
    [InlineData(true, 1.0, 19, true)]
    public void Normalize_ValuesAndGradients_MatchTheFormulaUnderAutograd(bool meanSquare, double scale, int width, bool float64)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var dtype = float64 ? ScalarType.Float64 : ScalarType.Float32;
        var tolerance = float64 ? 1e-10 : 1e-4;

        // A strided view, as the layers pass head-split activations.
        var values = randn(3, 7, 2, width, dtype: ScalarType.Float64);
        var upstream = randn(3, 2, 7, width, dtype: ScalarType.Float64);
        const double eps = 1e-5;

        var wide = values.to_type(dtype).requires_grad_();
        var x = wide.transpose(1, 2);
        var ours = meanSquare ? Norms.RmsNormalize(x, eps) : Norms.L2Normalize(x, eps, scale);
        var ourGrad = autograd.grad([(ours * upstream.to_type(dtype)).sum()], [wide])[0];

        var referenceWide = values.requires_grad_();
        var xr = referenceWide.transpose(1, 2);
        var sumOfSquares = meanSquare ? xr.square().mean([-1], keepdim: true) : xr.square().sum(-1, keepdim: true);
        var reference = xr * (sumOfSquares + eps).rsqrt() * scale;
        var referenceGrad = autograd.grad([(reference * upstream).sum()], [referenceWide])[0];

        TensorAssert.Close(reference, ours.to_type(ScalarType.Float64), tolerance);
        TensorAssert.Close(referenceGrad, ourGrad.to_type(ScalarType.Float64), tolerance);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GatedRmsNorm_ValuesAndGradients_MatchTheFormulaUnderAutograd(bool float64)
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var dtype = float64 ? ScalarType.Float64 : ScalarType.Float32;
        var tolerance = float64 ? 1e-10 : 1e-4;
        using var norm = new GatedRmsNorm(12);
        norm.to(dtype);
        using (no_grad())
        {
            foreach (var parameter in norm.parameters())
            {
                parameter.add_(randn_like(parameter) * 0.3);
            }
        }

        var x = randn(2, 5, 12, dtype: dtype, requires_grad: true);
        var gateWide = randn(2, 12, 5, dtype: dtype, requires_grad: true);
        var gate = gateWide.transpose(1, 2);
        var upstream = randn(2, 5, 12, dtype: dtype);
        var parameters = norm.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        Tensor[] inputs = [x, gateWide, parameters["weight"], parameters["gateBias"]];

        var ours = autograd.grad([(norm.forward(x, gate) * upstream).sum()], inputs);
        var formula = x * (x.square().mean([-1], keepdim: true) + 1e-5).rsqrt() * parameters["weight"]
            * nn.functional.silu(gate + parameters["gateBias"]);
        var theirs = autograd.grad([(formula * upstream).sum()], inputs);

        TensorAssert.Close(formula, norm.forward(x, gate), tolerance);
        for (var i = 0; i < inputs.Length; i++)
        {
            TensorAssert.Close(theirs[i], ours[i], tolerance);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RmsNorm_GainGradient_MatchesTheFormulaUnderAutograd(bool float64)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var dtype = float64 ? ScalarType.Float64 : ScalarType.Float32;
        using var norm = new RmsNorm(24);
        norm.to(dtype);
        var weight = norm.parameters().Single();
        using (no_grad())
        {
            weight.add_(randn_like(weight) * 0.3);
        }

        var x = randn(3, 4, 24, dtype: dtype, requires_grad: true);
        var upstream = randn(3, 4, 24, dtype: dtype);

        var ours = autograd.grad([(norm.forward(x) * upstream).sum()], [x, weight]);
        var formula = x * (x.square().mean([-1], keepdim: true) + 1e-5).rsqrt() * weight;
        var theirs = autograd.grad([(formula * upstream).sum()], [x, weight]);

        TensorAssert.Close(theirs[0], ours[0], float64 ? 1e-10 : 1e-4);
        TensorAssert.Close(theirs[1], ours[1], float64 ? 1e-10 : 1e-4);
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
