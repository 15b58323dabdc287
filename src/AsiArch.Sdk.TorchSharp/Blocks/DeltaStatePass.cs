using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// The sequential part of the chunked delta rule as one autograd node with its backward written out. Per chunk n,
/// from the entering state S_n (S_0 = 0): pseudo-values P_n = U_n - W_n S_n, then S_{n+1} = γ_n S_n + K_nᵀ P_n.
/// Autograd over this loop records several small ops per chunk; here the forward and the adjoint pass are each two
/// matmuls per chunk, and every gradient that does not have to be sequential (dW, dK, dγ) is one batched matmul.
/// </summary>
internal sealed class DeltaStatePass : MultiTensorFunction<DeltaStatePass>
{
    /// <inheritdoc/>
    public override string Name => nameof(DeltaStatePass);

    /// <summary>Runs the pass; all tensors chunk-major, M = batch·heads.</summary>
    /// <param name="w">W_n <c>[N, M, C, Dk]</c>.</param>
    /// <param name="u">U_n <c>[N, M, C, Dv]</c>.</param>
    /// <param name="keysT">K_nᵀ, keys already decayed to the chunk end <c>[N, M, Dk, C]</c>.</param>
    /// <param name="decay">γ_n, the decay across each chunk <c>[N, M, 1, 1]</c>, or null for none.</param>
    /// <returns>The entering states S_n <c>[N, M, Dk, Dv]</c> and the pseudo-values P_n <c>[N, M, C, Dv]</c>.</returns>
    public static (Tensor States, Tensor Written) Run(Tensor w, Tensor u, Tensor keysT, Tensor? decay)
    {
        var outputs = decay is null ? apply(w, u, keysT) : apply(w, u, keysT, decay);
        return (outputs[0], outputs[1]);
    }

    /// <inheritdoc/>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var (w, u, keysT) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2]);
        var decay = vars.Length > 3 ? (Tensor)vars[3] : null;
        var count = w.shape[0];
        var states = new Tensor[count];
        var written = new Tensor[count];
        var state = zeros(w.shape[1], w.shape[3], u.shape[3], dtype: u.dtype, device: u.device);
        for (var n = 0; n < count; n++)
        {
            states[n] = state;
            written[n] = u[n] - w[n].matmul(state);
            if (n + 1 < count)
            {
                var update = keysT[n].matmul(written[n]);
                state = decay is null ? update.add_(state) : update.add_(state * decay[n]);
            }
        }

        var (statesAll, writtenAll) = (stack(states, 0), stack(written, 0));
        ctx.save_for_backward(decay is null ? [w, keysT, statesAll, writtenAll] : [w, keysT, statesAll, writtenAll, decay]);
        return [statesAll, writtenAll];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var saved = ctx.get_saved_variables();
        var (w, keysT, states, written) = (saved[0], saved[1], saved[2], saved[3]);
        var decay = saved.Count > 4 ? saved[4] : null;
        var (statesGrad, writtenGrad) = (grad_outputs[0], grad_outputs[1]);
        var count = w.shape[0];

        // G: gradient reaching the state after chunk n (none after the last chunk, whose update is never made).
        var after = new Tensor[count];
        var pseudo = new Tensor[count];
        var g = zeros_like(statesGrad[0]);
        for (var n = (int)count - 1; n >= 0; n--)
        {
            after[n] = g;
            pseudo[n] = n + 1 < count ? keysT[n].transpose(-1, -2).matmul(g).add_(writtenGrad[n]) : writtenGrad[n];
            var carried = decay is null ? g : g * decay[n];
            g = statesGrad[n] - w[n].transpose(-1, -2).matmul(pseudo[n]) + carried;
        }

        var afterAll = stack(after, 0);
        var uGrad = stack(pseudo, 0);
        var wGrad = uGrad.matmul(states.transpose(-1, -2)).neg_();
        var keysTGrad = afterAll.matmul(written.transpose(-1, -2));
        if (decay is null)
        {
            return [wGrad, uGrad, keysTGrad];
        }

        var decayGrad = (afterAll * states).sum([-1, -2], keepdim: true);
        return [wGrad, uGrad, keysTGrad, decayGrad];
    }
}
