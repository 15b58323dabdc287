using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// y = s · x · (c · Σ_d x_d² + eps)^-½ over the last dimension, as one autograd node: c = 1 is the L2 norm, c = 1/d the
/// RMS norm, and s a constant scale (the delta rules' 1/√d on queries) folded in for free.
/// </summary>
/// <remarks>
/// With r = s · (cΣx² + eps)^-½ the backward is dx = r ⊙ (g - (c/s²) · y · (g·y)): four passes over the activations
/// and two small reductions, against about ten passes and eight graph nodes for the same formula built from autograd
/// ops. Heads of 16 make these norms a visible part of a delta-rule layer (<c>macro deltanet-breakdown</c>).
/// </remarks>
internal sealed class ScaledNormalization : MultiTensorFunction<ScaledNormalization>
{
    /// <inheritdoc/>
    public override string Name => nameof(ScaledNormalization);

    /// <summary>Normalises the last dimension of <paramref name="x"/>.</summary>
    /// <param name="x">Input <c>[..., d]</c>.</param>
    /// <param name="meanSquare">True: c = 1/d (RMS); false: c = 1 (L2).</param>
    /// <param name="eps">Added under the square root.</param>
    /// <param name="scale">s, multiplies the result.</param>
    public static Tensor Apply(Tensor x, bool meanSquare, double eps, double scale) =>
        apply(x, (meanSquare ? 1.0 / x.shape[^1] : 1.0, eps, scale))[0];

    /// <inheritdoc/>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        var (c, eps, scale) = ((double, double, double))vars[1];
        Tensor r, y;
        using (NewDisposeScope())
        {
            r = x.square().sum(-1, keepdim: true).mul_(c).add_(eps).rsqrt_().mul_(scale).MoveToOuterDisposeScope();
            y = x.mul(r).MoveToOuterDisposeScope();
        }

        // Saved tensors must outlive this call: they stay in the caller's scope, as the output does.
        ctx.save_for_backward([y, r]);
        ctx.save_data("factor", c / (scale * scale));
        return [y];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var saved = ctx.get_saved_variables();
        var (y, r) = (saved[0], saved[1]);
        var factor = (double)ctx.get_data("factor");
        var grad = grad_outputs[0];
        using var scope = NewDisposeScope();
        var projection = grad.mul(y).sum(-1, keepdim: true);
        // The constants (c, eps, s) are not tensors; the node still expects one entry per forward argument.
        return [grad.addcmul(y, projection, -factor).mul_(r).MoveToOuterDisposeScope(), null!];
    }
}
