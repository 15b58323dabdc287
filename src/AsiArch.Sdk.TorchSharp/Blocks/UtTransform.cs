using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// The UT transform of the chunked delta rule, X = (I + tril(G, -1))⁻¹ R, as one autograd node with its backward
/// written out: dR = Tᵀ dX and dG = -tril(dR Xᵀ, -1) with T the explicit inverse. Three batched matmuls and a
/// log-depth inverse instead of a triangular solve forward and another one backward.
/// </summary>
internal sealed class UtTransform : MultiTensorFunction<UtTransform>
{
    /// <inheritdoc/>
    public override string Name => nameof(UtTransform);

    /// <summary>X = (I + tril(<paramref name="gram"/>, -1))⁻¹ <paramref name="rhs"/>, differentiable in both.</summary>
    /// <param name="gram"><c>[..., C, C]</c>; only the strictly lower triangle is used.</param>
    /// <param name="rhs"><c>[..., C, D]</c>.</param>
    /// <returns><c>[..., C, D]</c>.</returns>
    public static Tensor Solve(Tensor gram, Tensor rhs) => apply(gram, rhs)[0];

    /// <inheritdoc/>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var inverse = UnitLowerTriangular.Inverse((Tensor)vars[0]);
        var solved = inverse.matmul((Tensor)vars[1]);
        ctx.save_for_backward([inverse, solved]);
        return [solved];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var saved = ctx.get_saved_variables();
        var (inverse, solved) = (saved[0], saved[1]);
        var rhsGrad = inverse.transpose(-1, -2).matmul(grad_outputs[0]);
        var size = solved.shape[^2];
        var gramGrad = rhsGrad.matmul(solved.transpose(-1, -2)).mul_(TriangularMask.Lower(size, -1, solved.dtype, solved.device, -1.0));
        return [gramGrad, rhsGrad];
    }
}
