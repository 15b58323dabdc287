using AsiArch.Sdk.TorchSharp.Blocks.Kernels;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// The sequential loop of <see cref="AffineStatePass"/>, forward and backward, on chunk-major <c>[N, B·H, ...]</c>
/// tensors outside autograd: <see cref="AffineScanKernel"/> for small steps of float32 on an x64 CPU, otherwise one
/// batched product a step.
/// </summary>
internal static class AffineScan
{
    /// <summary>S_0 = 0, S_{n+1} = b_n + A_n S_n.</summary>
    /// <param name="transitions">A <c>[N, B·H, Dk, Dk]</c>.</param>
    /// <param name="inputs">b <c>[N, B·H, Dk, Dv]</c> (the last chunk's is not used).</param>
    /// <returns>S <c>[N, B·H, Dk, Dv]</c>.</returns>
    public static Tensor Forward(Tensor transitions, Tensor inputs) => Run(transitions, inputs, reverse: false);

    /// <summary>G_{N-1} = 0, G_{n-1} = D_n + A_nᵀ G_n: what reaches each chunk's outgoing state, backward.</summary>
    /// <param name="transitions">A <c>[N, B·H, Dk, Dk]</c>.</param>
    /// <param name="direct">D <c>[N, B·H, Dk, Dv]</c> (the first chunk's is not used).</param>
    /// <returns>G <c>[N, B·H, Dk, Dv]</c>.</returns>
    public static Tensor Reverse(Tensor transitions, Tensor direct) => Run(transitions, direct, reverse: true);

    private static unsafe Tensor Run(Tensor transitions, Tensor inputs, bool reverse)
    {
        var multiplyAdds = inputs.shape[1] * inputs.shape[2] * inputs.shape[2] * inputs.shape[3];
        if (multiplyAdds <= SingleThreadedRegion.SmallOpMultiplyAdds && CpuFloat32.Applies(transitions, inputs))
        {
            using var scope = NewDisposeScope();
            var (a, x) = (transitions.contiguous(), inputs.contiguous());
            var output = empty(x.shape, dtype: x.dtype, device: x.device);
            AffineScanKernel.Run(
                CpuFloat32.Pointer(a), CpuFloat32.Pointer(x), CpuFloat32.Pointer(output),
                new AffineScanKernel.Shape(x.shape[0], x.shape[1], x.shape[2], x.shape[3]), reverse);
            return output.MoveToOuterDisposeScope();
        }

        return Loop(transitions, inputs, reverse, multiplyAdds);
    }

    private static Tensor Loop(Tensor transitions, Tensor inputs, bool reverse, long multiplyAdds)
    {
        using var scope = NewDisposeScope();
        var count = inputs.shape[0];
        var steps = (reverse ? transitions.transpose(-1, -2) : transitions).unbind(0);
        var x = inputs.unbind(0);
        var states = new Tensor[count];
        var first = reverse ? count - 1 : 0;
        states[first] = zeros_like(x[0]);
        using (SingleThreadedRegion.EnterIfSmall(multiplyAdds))
        {
            for (var i = 1L; i < count; i++)
            {
                var step = reverse ? count - i : i - 1;
                states[reverse ? step - 1 : step + 1] = BatchedProducts.PlusProduct(x[step], steps[step], states[step]);
            }
        }

        return stack(states).MoveToOuterDisposeScope();
    }
}
