using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// <see cref="DeltaStatePass"/> in its direct form: chunk n turns the state S_n it receives into pseudo-values
/// E_n = U_n - W_n S_n and passes on S_{n+1} = d_n·S_n + K̃_nᵀ E_n, two products a chunk forward and two backward.
/// </summary>
/// <remarks>
/// Each product is one <c>baddbmm</c> and no graph node. Backward, with G_n = dS_{n+1} (G_{N-1} = 0) and the incoming
/// gradients dS_n and dE_n of the outputs, runs the chunks in reverse:
/// dÊ_n = dE_n + K̃_n G_n, G_{n-1} = dS_n + d_n·G_n - W_nᵀ dÊ_n; then, batched over all chunks:
/// dU = dÊ, dW = -dÊ Sᵀ, dK̃ = E Gᵀ, dd_n = Σ G_n ⊙ S_n.
/// </remarks>
internal sealed class PseudoValueStatePass : MultiTensorFunction<PseudoValueStatePass>
{
    /// <inheritdoc/>
    public override string Name => nameof(PseudoValueStatePass);

    /// <inheritdoc/>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var (solved, keyDim, stateKeys, decay) = DeltaStatePass.Inputs(vars);
        var (count, valueDim) = (solved.shape[0], solved.shape[3] - keyDim);
        using var scope = NewDisposeScope();

        // One unbind per input: a single call that yields every chunk's view.
        var w = solved.narrow(-1, 0, keyDim).unbind(0);
        var u = solved.narrow(-1, keyDim, valueDim).unbind(0);
        var keysT = stateKeys.transpose(-1, -2).unbind(0);
        var decays = decay?.unbind(0);
        var starts = new Tensor[count];
        var written = new Tensor[count];
        var state = zeros(solved.shape[1], keyDim, valueDim, dtype: solved.dtype, device: solved.device);
        using (SingleThreadedRegion.EnterIfSmall(DeltaStatePass.MultiplyAddsPerChunk(solved, keyDim)))
        {
            for (var n = 0; n < count; n++)
            {
                starts[n] = state;
                written[n] = n == 0 ? u[0] : BatchedProducts.PlusProduct(u[n], w[n], state, -1);
                if (n + 1 < count)
                {
                    var carried = decays is null ? state : state * decays[n];
                    state = BatchedProducts.PlusProduct(carried, keysT[n], written[n]);
                }
            }
        }

        var startsAll = stack(starts);
        var writtenAll = stack(written);
        List<Tensor> keep = [solved, stateKeys, startsAll, writtenAll];
        if (decay is not null)
        {
            keep.Add(decay);
        }

        ctx.save_for_backward(keep);
        ctx.save_data("keyDim", keyDim);
        return [startsAll.MoveToOuterDisposeScope(), writtenAll.MoveToOuterDisposeScope()];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var saved = ctx.get_saved_variables();
        var keyDim = (long)ctx.get_data("keyDim");
        var (solved, stateKeys, starts, written) = (saved[0], saved[1], saved[2], saved[3]);
        var decay = saved.Count > 4 ? saved[4] : null;
        var count = solved.shape[0];
        using var scope = NewDisposeScope();

        var wT = solved.narrow(-1, 0, keyDim).transpose(-1, -2).unbind(0);
        var keys = stateKeys.unbind(0);
        var decays = decay?.unbind(0);
        var gradStarts = grad_outputs[0].unbind(0);
        var gradWritten = grad_outputs[1].unbind(0);

        // nextGrads[n] = G_n, the gradient reaching the state chunk n passes on; totals[n] = dÊ_n.
        var nextGrads = new Tensor[count];
        var totals = new Tensor[count];
        var carried = zeros_like(gradStarts[0]);
        using (SingleThreadedRegion.EnterIfSmall(DeltaStatePass.MultiplyAddsPerChunk(solved, keyDim)))
        {
            for (var n = count - 1; n >= 0; n--)
            {
                nextGrads[n] = carried;
                var last = n == count - 1;
                totals[n] = last ? gradWritten[n] : BatchedProducts.PlusProduct(gradWritten[n], keys[n], carried);
                if (n > 0)
                {
                    var reaching = last ? gradStarts[n] : decays is null ? gradStarts[n] + carried : gradStarts[n].addcmul(carried, decays[n], 1);
                    carried = BatchedProducts.PlusProduct(reaching, wT[n], totals[n], -1);
                }
            }
        }

        var gradU = stack(totals);
        var next = stack(nextGrads);
        var gradW = gradU.matmul(starts.transpose(-1, -2)).neg_();
        List<Tensor> grads =
        [
            cat([gradW, gradU], -1).MoveToOuterDisposeScope(),
            null!, // keyDim is not a tensor; the node still expects one entry per forward argument.
            written.matmul(next.transpose(-1, -2)).MoveToOuterDisposeScope(),
        ];
        if (decay is not null)
        {
            grads.Add(next.mul(starts).sum([-2, -1], keepdim: true).MoveToOuterDisposeScope());
        }

        return grads;
    }
}
