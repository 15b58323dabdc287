using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// P_ij = exp(b_i - b_j) for j ≤ i and 0 above the diagonal, from cumulative log decays b <c>[..., C]</c>, as one
/// autograd node: dB_i = Σ_j (dP ⊙ P)_ij - Σ_j (dP ⊙ P)_ji.
/// </summary>
/// <remarks>
/// Masking with -∞ before the exp sent half the entries down the exp's slow path for special values (a <c>perf</c>
/// profile of the gated delta rule); here the masked entries are zeroed before the exp, whose result there is then
/// zeroed again, so no masked entry is ever -∞ or overflows.
/// </remarks>
internal sealed class PairwiseDecay : MultiTensorFunction<PairwiseDecay>
{
    /// <inheritdoc/>
    public override string Name => nameof(PairwiseDecay);

    /// <summary>The pairwise decay factors <c>[..., C, C]</c>.</summary>
    public static Tensor Apply(Tensor cumulativeLogDecay) => apply(cumulativeLogDecay)[0];

    /// <inheritdoc/>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var b = (Tensor)vars[0];
        Tensor factors;
        using (NewDisposeScope())
        {
            var mask = TriangularMask.Lower(b.shape[^1], 0, b.dtype, b.device);
            factors = (b.unsqueeze(-1) - b.unsqueeze(-2)).mul_(mask).exp_().mul_(mask).MoveToOuterDisposeScope();
        }

        // Saved tensors stay in the caller's dispose scope, as the output does.
        ctx.save_for_backward([factors]);
        return [factors];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var factors = ctx.get_saved_variables()[0];
        using var scope = NewDisposeScope();
        var weighted = grad_outputs[0].mul(factors);
        return [weighted.sum(-1).sub_(weighted.sum(-2)).MoveToOuterDisposeScope()];
    }
}
