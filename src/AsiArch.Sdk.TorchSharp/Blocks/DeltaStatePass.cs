using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// The inter-chunk part of the chunked (gated) delta rule as one autograd node with its backward written out: the
/// sequential state pass S_{n+1} = d_n·S_n + K̃_nᵀ(U_n - W_n S_n) and the outputs O_n = Q̃_n S_n + P_n (U_n - W_n S_n).
/// Forward and backward each do two small matmuls per chunk in the sequential loop and everything else as batched
/// matmuls over all chunks, in place where it can, instead of a graph of four autograd nodes per chunk.
/// </summary>
/// <remarks>
/// Backward, with E_n = U_n - W_n S_n (the pseudo-values) and dS_N = 0, runs the chunks in reverse:
/// dE_n = P_nᵀ dO_n + K̃_n dS_{n+1}, dS_n = d_n·dS_{n+1} + Q̃_nᵀ dO_n - W_nᵀ dE_n; then, batched:
/// dU = dE, dW = -dE Sᵀ, dK̃ = E dS_{n+1}ᵀ, dQ̃ = dO Sᵀ, dP = dO Eᵀ, dd_n = Σ dS_{n+1} ⊙ S_n.
/// </remarks>
internal sealed class DeltaStatePass : MultiTensorFunction<DeltaStatePass>
{
    /// <inheritdoc/>
    public override string Name => nameof(DeltaStatePass);

    /// <summary>Runs the state pass and returns the outputs <c>[B, H, N, C, Dv]</c>.</summary>
    /// <param name="solved">[W U], the UT-transformed keys and values <c>[B, H, N, C, Dk + Dv]</c>.</param>
    /// <param name="keyDim">Dk, where W ends and U starts in <paramref name="solved"/>.</param>
    /// <param name="stateKeys">K̃, the keys that write the state (decayed to the chunk end) <c>[B, H, N, C, Dk]</c>.</param>
    /// <param name="queries">Q̃, the queries that read the incoming state (decayed from the chunk start) <c>[B, H, N, C, Dk]</c>.</param>
    /// <param name="scores">P, the causal intra-chunk scores <c>[B, H, N, C, C]</c> (zero above the diagonal).</param>
    /// <param name="chunkDecay">d_n, the decay across each chunk <c>[B, H, N]</c>, or null for none.</param>
    public static Tensor Apply(Tensor solved, long keyDim, Tensor stateKeys, Tensor queries, Tensor scores, Tensor? chunkDecay) =>
        chunkDecay is null
            ? apply(solved, keyDim, stateKeys, queries, scores)[0]
            : apply(solved, keyDim, stateKeys, queries, scores, chunkDecay)[0];

    /// <inheritdoc/>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var solved = (Tensor)vars[0];
        var keyDim = (long)vars[1];
        var (stateKeys, queries, scores) = ((Tensor)vars[2], (Tensor)vars[3], (Tensor)vars[4]);
        var decay = vars.Length > 5 ? Flat((Tensor)vars[5]).unsqueeze(-1).unsqueeze(-1) : null;
        var (batch, heads, count) = (solved.shape[0], solved.shape[1], solved.shape[2]);
        var valueDim = solved.shape[4] - keyDim;

        // [B·H, N, ...]: merging B and H is a view, and each chunk's slice is a plain batch of matrices for bmm.
        var w = Flat(solved).narrow(-1, 0, keyDim);
        var u = Flat(solved).narrow(-1, keyDim, valueDim);
        var kT = Flat(stateKeys).transpose(-1, -2);
        var starts = empty(batch * heads, count, keyDim, valueDim, dtype: solved.dtype, device: solved.device);
        var written = empty(batch * heads, count, solved.shape[3], valueDim, dtype: solved.dtype, device: solved.device);
        starts.select(1, 0).zero_();
        for (var n = 0; n < count; n++)
        {
            var state = starts.select(1, n);
            var e = written.select(1, n);
            e.copy_(u.select(1, n));
            if (n > 0)
            {
                e.sub_(w.select(1, n).matmul(state));
            }
            if (n + 1 < count)
            {
                var next = starts.select(1, n + 1);
                next.copy_(kT.select(1, n).matmul(e));
                next.add_(decay is null ? state : state * decay.select(1, n));
            }
        }

        var output = Flat(queries).matmul(starts);
        output.add_(Flat(scores).matmul(written));
        List<Tensor> keep = [solved, stateKeys, queries, scores, starts, written];
        if (decay is not null)
        {
            keep.Add(decay);
        }

        ctx.save_for_backward(keep);
        ctx.save_data("keyDim", keyDim);
        return [output.view(solved.shape[0], solved.shape[1], count, solved.shape[3], valueDim)];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        using var scope = NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var keyDim = (long)ctx.get_data("keyDim");
        var (solved, stateKeys, queries, scores, starts, written) = (saved[0], saved[1], saved[2], saved[3], saved[4], saved[5]);
        var decay = saved.Count > 6 ? saved[6] : null;
        var (batch, heads, count) = (solved.shape[0], solved.shape[1], solved.shape[2]);
        var valueDim = solved.shape[4] - keyDim;
        var gradOutput = Flat(grad_outputs[0].contiguous());
        var w = Flat(solved).narrow(-1, 0, keyDim);
        var k = Flat(stateKeys);

        // The parts of dE_n and dS_n that do not depend on the carried state, for all chunks at once.
        var gradWritten = Flat(scores).transpose(-1, -2).matmul(gradOutput);
        var fromQueries = Flat(queries).transpose(-1, -2).matmul(gradOutput);

        // nextGrads[n] = dS_{n+1}, the gradient reaching the state that chunk n writes.
        var nextGrads = empty_like(starts);
        nextGrads.select(1, count - 1).zero_();
        for (var n = count - 1; n >= 0; n--)
        {
            var next = nextGrads.select(1, n);
            var e = gradWritten.select(1, n);
            if (n < count - 1)
            {
                e.add_(k.select(1, n).matmul(next));
            }

            if (n > 0)
            {
                var current = nextGrads.select(1, n - 1);
                current.copy_(fromQueries.select(1, n)).sub_(w.select(1, n).transpose(-1, -2).matmul(e));
                current.add_(decay is null ? next : next * decay.select(1, n));
            }
        }

        var gradSolved = empty_like(solved);
        var flatGradSolved = Flat(gradSolved);
        flatGradSolved.narrow(-1, keyDim, valueDim).copy_(gradWritten);
        flatGradSolved.narrow(-1, 0, keyDim).copy_(gradWritten.matmul(starts.transpose(-1, -2))).neg_();
        var gradKeys = written.matmul(nextGrads.transpose(-1, -2));
        var gradQueries = gradOutput.matmul(starts.transpose(-1, -2));
        var gradScores = gradOutput.matmul(written.transpose(-1, -2));
        List<Tensor> grads =
        [
            gradSolved.MoveToOuterDisposeScope(),
            null!, // keyDim is not a tensor; the node still expects one entry per forward argument.
            gradKeys.view(batch, heads, count, gradKeys.shape[2], gradKeys.shape[3]).MoveToOuterDisposeScope(),
            gradQueries.view(batch, heads, count, gradQueries.shape[2], gradQueries.shape[3]).MoveToOuterDisposeScope(),
            gradScores.view(batch, heads, count, gradScores.shape[2], gradScores.shape[3]).MoveToOuterDisposeScope(),
        ];
        if (decay is not null)
        {
            grads.Add(nextGrads.mul(starts).sum([-2, -1]).view(batch, heads, count).MoveToOuterDisposeScope());
        }

        return grads;
    }

    /// <summary><c>[B, H, N, ...]</c> → <c>[B·H, N, ...]</c> (a view for the layouts used here).</summary>
    private static Tensor Flat(Tensor x) => x.flatten(0, 1);
}
