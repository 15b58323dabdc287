using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

[Collection("torch")]
public sealed class PairwiseDecayTests
{
    [Fact]
    public void Apply_ValuesAndGradients_MatchTheMaskedExpUnderAutograd()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        // Strong decays: cumulative logs far below -100, where exp(b_j - b_i) above the diagonal would overflow.
        var logDecay = (randn(3, 2, 9, dtype: ScalarType.Float64) * 20).neg().abs().neg();
        var upstream = randn(3, 2, 9, 9, dtype: ScalarType.Float64);

        Tensor[] Run(bool custom)
        {
            var leaf = logDecay.detach().requires_grad_();
            var b = leaf.cumsum(-1);
            var factors = custom
                ? PairwiseDecay.Apply(b)
                : (b.unsqueeze(-1) - b.unsqueeze(-2))
                    .masked_fill(ones(9, 9, dtype: ScalarType.Bool).triu(1), double.NegativeInfinity).exp();
            (factors * upstream).sum().backward();
            return [factors.detach(), leaf.grad!];
        }

        var expected = Run(custom: false);
        var actual = Run(custom: true);

        Assert.True(actual[0].isfinite().all().item<bool>());
        TensorAssert.Close(expected[0], actual[0], 1e-12);
        TensorAssert.Close(expected[1], actual[1], 1e-10);
    }
}
