using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// The states entering each chunk of a chunked recurrence whose chunks act affinely on the state:
/// S_0 = 0, S_{n+1} = A_n S_n + B_n. One autograd node whose forward and backward are each one multiply-add per
/// chunk (the backward runs the adjoint recurrence G_n = dS_n + A_nᵀ G_{n+1}, then dA_n = G_{n+1} S_nᵀ and
/// dB_n = G_{n+1} for all chunks in one batched matmul), instead of a graph of several small ops per chunk.
/// </summary>
internal sealed class AffineStateScan : MultiTensorFunction<AffineStateScan>
{
    /// <inheritdoc/>
    public override string Name => nameof(AffineStateScan);

    /// <summary>S_0..S_{N-1} from the chunk maps.</summary>
    /// <param name="transitions">A_n <c>[N, M, Dk, Dk]</c> (chunk-major, M = batch·heads).</param>
    /// <param name="inputs">B_n <c>[N, M, Dk, Dv]</c>.</param>
    /// <returns><c>[N, M, Dk, Dv]</c>.</returns>
    public static Tensor States(Tensor transitions, Tensor inputs) => apply(transitions, inputs)[0];

    /// <inheritdoc/>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var transitions = (Tensor)vars[0];
        var inputs = (Tensor)vars[1];
        var count = transitions.shape[0];
        var states = new Tensor[count];
        states[0] = zeros_like(inputs[0]);
        for (var n = 0; n + 1 < count; n++)
        {
            // matmul + in-place add rather than baddbmm: TorchSharp 0.107's Tensor.baddbmm multiplies its batch
            // arguments in the wrong order.
            states[n + 1] = transitions[n].matmul(states[n]).add_(inputs[n]);
        }

        var stacked = stack(states, 0);
        ctx.save_for_backward([transitions, stacked]);
        return [stacked];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var saved = ctx.get_saved_variables();
        var (transitions, states) = (saved[0], saved[1]);
        var grad = grad_outputs[0];
        var count = transitions.shape[0];

        // shifted[n] = G_{n+1}, the gradient reaching S_{n+1}; the last chunk's map feeds no returned state.
        var shifted = new Tensor[count];
        shifted[count - 1] = zeros_like(grad[0]);
        for (var n = count - 2; n >= 0; n--)
        {
            var next = n + 2 < count ? shifted[n + 1] : null;
            shifted[n] = next is null ? grad[n + 1] : transitions[n + 1].transpose(-1, -2).matmul(next).add_(grad[n + 1]);
        }

        var inputsGrad = stack(shifted, 0);
        var transitionsGrad = inputsGrad.matmul(states.transpose(-1, -2));
        return [transitionsGrad, inputsGrad];
    }
}
