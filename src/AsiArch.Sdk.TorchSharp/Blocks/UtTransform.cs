using AsiArch.Sdk.TorchSharp.Blocks.Kernels;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// The UT transform of the chunked delta rule, X = (I + tril(G, -1))⁻¹ R, as one autograd node with its backward
/// written out: dR = (I + L)⁻ᵀ dX and dG = -tril(dR Xᵀ, -1). Float32 on an x64 CPU solves by substitution
/// (<see cref="UnitTriangularSolveKernel"/>); elsewhere through the explicit inverse T, batched matmuls and a log-depth
/// inverse instead of a triangular solve forward and another one backward.
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
        var (gram, rhs) = ((Tensor)vars[0], (Tensor)vars[1]);
        var substitution = CpuFloat32.Applies(gram, rhs);
        Tensor solved;
        if (substitution)
        {
            gram = gram.contiguous();
            solved = Substitute(gram, rhs, transposed: false);
            ctx.save_for_backward([gram, solved]);
        }
        else
        {
            var inverse = UnitLowerTriangular.Inverse(gram);
            solved = inverse.matmul(rhs);
            ctx.save_for_backward([inverse, solved]);
        }

        ctx.save_data("substitution", substitution);
        return [solved];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var saved = ctx.get_saved_variables();
        var (matrix, solved) = (saved[0], saved[1]);
        var rhsGrad = (bool)ctx.get_data("substitution")
            ? Substitute(matrix, grad_outputs[0], transposed: true)
            : matrix.transpose(-1, -2).matmul(grad_outputs[0]);
        var size = solved.shape[^2];
        var gramGrad = rhsGrad.matmul(solved.transpose(-1, -2)).mul_(TriangularMask.Lower(size, -1, solved.dtype, solved.device, -1.0));
        return [gramGrad, rhsGrad];
    }

    /// <summary>(I + L)⁻¹ <paramref name="right"/> or (I + L)⁻ᵀ <paramref name="right"/> for contiguous float32
    /// <paramref name="gram"/>.</summary>
    private static unsafe Tensor Substitute(Tensor gram, Tensor right, bool transposed)
    {
        using var scope = NewDisposeScope();
        var input = right.contiguous();
        var output = empty(input.shape, dtype: input.dtype, device: input.device);
        var (size, width) = (input.shape[^2], input.shape[^1]);
        var count = input.numel() / (size * width);
        UnitTriangularSolveKernel.Solve(
            CpuFloat32.Pointer(gram), CpuFloat32.Pointer(input), CpuFloat32.Pointer(output), count, size, width, transposed);

        return output.MoveToOuterDisposeScope();
    }
}
