using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// <see cref="DeltaStatePass"/> in affine form: one product a chunk in each loop, everything else batched over all
/// chunks, at about twice the multiply-adds of <see cref="PseudoValueStatePass"/>.
/// </summary>
/// <remarks>
/// The recurrence is affine in the state, S_{n+1} = A_n S_n + b_n with the transition
/// A_n = d_n·I - K̃_nᵀ W_n and the input b_n = K̃_nᵀ U_n, both computed for all chunks in one product before the loop;
/// E = U - W S is one product after it. Backward, with D_n = dS_n - W_nᵀ dE_n (batched), the reverse loop is
/// G_n = D_n + A_nᵀ G_{n+1} (G_{N-1} = D_{N-1}); then, batched, with Ĝ_n = G_{n+1} (Ĝ_{N-1} = 0), dA = Ĝ Sᵀ:
/// dU = dE + K̃ Ĝ, dW = -dE Sᵀ - K̃ dA, dK̃ = U Ĝᵀ - W dAᵀ, dd_n = trace(dA_n).
/// </remarks>
internal sealed class AffineStatePass : MultiTensorFunction<AffineStatePass>
{
    /// <inheritdoc/>
    public override string Name => nameof(AffineStatePass);

    /// <inheritdoc/>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var (solved, keyDim, stateKeys, decay) = DeltaStatePass.Inputs(vars);
        var (count, valueDim) = (solved.shape[0], solved.shape[3] - keyDim);
        Tensor transitions, startsAll, writtenAll;
        using (NewDisposeScope())
        {
            // K̃ᵀ [W U] = [K̃ᵀW, K̃ᵀU] for all chunks in one product; A = d·I - K̃ᵀW.
            var products = stateKeys.transpose(-1, -2).matmul(solved);
            transitions = products.narrow(-1, 0, keyDim).neg();
            var diagonal = transitions.diagonal(0, -2, -1);
            _ = decay is null ? diagonal.add_(1) : diagonal.add_(decay.squeeze(-1));
            startsAll = AffineScan.Forward(transitions, products.narrow(-1, keyDim, valueDim));
            var (w, u) = (Flat(solved.narrow(-1, 0, keyDim)), Flat(solved.narrow(-1, keyDim, valueDim)));
            writtenAll = BatchedProducts.PlusProduct(u, w, Flat(startsAll), -1)
                .view(count, solved.shape[1], solved.shape[2], valueDim);
            transitions = transitions.MoveToOuterDisposeScope();
            startsAll = startsAll.MoveToOuterDisposeScope();
            writtenAll = writtenAll.MoveToOuterDisposeScope();
        }

        ctx.save_for_backward([solved, stateKeys, transitions, startsAll]);
        ctx.save_data("keyDim", keyDim);
        ctx.save_data("gated", decay is not null);
        return [startsAll, writtenAll];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var saved = ctx.get_saved_variables();
        var keyDim = (long)ctx.get_data("keyDim");
        var (solved, stateKeys, transitions, starts) = (saved[0], saved[1], saved[2], saved[3]);
        var (count, batch, valueDim) = (solved.shape[0], solved.shape[1], solved.shape[3] - keyDim);
        using var scope = NewDisposeScope();
        var w = solved.narrow(-1, 0, keyDim);
        var u = solved.narrow(-1, keyDim, valueDim);
        var gradStarts = grad_outputs[0] ?? zeros_like(starts);
        var gradWritten = grad_outputs[1] ?? zeros(count, batch, solved.shape[2], valueDim, dtype: solved.dtype, device: solved.device);

        // D_n = dS_n - W_nᵀ dE_n, then G_n = D_n + A_nᵀ G_{n+1} from the last chunk back (G_0 is not needed: S_0 = 0).
        var direct = BatchedProducts.PlusProduct(Flat(gradStarts), Flat(w).transpose(-1, -2), Flat(gradWritten), -1)
            .view(count, batch, keyDim, valueDim);
        var next = AffineScan.Reverse(transitions, direct);
        var gradTransitions = next.matmul(starts.transpose(-1, -2));
        var gradU = gradWritten.add(stateKeys.matmul(next));
        var gradW = gradWritten.matmul(starts.transpose(-1, -2)).neg_().sub_(stateKeys.matmul(gradTransitions));
        var gradKeys = u.matmul(next.transpose(-1, -2)).sub_(w.matmul(gradTransitions.transpose(-1, -2)));
        List<Tensor> grads =
        [
            cat([gradW, gradU], -1).MoveToOuterDisposeScope(),
            null!, // keyDim is not a tensor; the node still expects one entry per forward argument.
            gradKeys.MoveToOuterDisposeScope(),
        ];
        if ((bool)ctx.get_data("gated"))
        {
            grads.Add(gradTransitions.diagonal(0, -2, -1).sum(-1).view(count, batch, 1, 1).MoveToOuterDisposeScope());
        }

        return grads;
    }

    /// <summary><c>[N, B·H, r, c]</c> → <c>[N·B·H, r, c]</c> for one batched product over all chunks.</summary>
    private static Tensor Flat(Tensor chunked) => chunked.flatten(0, 1);
}
