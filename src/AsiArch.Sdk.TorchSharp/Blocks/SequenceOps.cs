using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// Causal sequence-mixing primitives on head-split tensors: queries and keys <c>[B, H, T, Dk]</c>, values
/// <c>[B, H, T, Dv]</c>, per-step scalars (decays, betas) <c>[B, H, T]</c>; every op returns <c>[B, H, T, Dv]</c>
/// and output t depends on inputs 0..t only. The linear-time ops are chunkwise-parallel: matmuls inside each chunk,
/// a recurrent state carried between chunks, batched over B and H; T is padded to a multiple of the chunk internally.
/// They compute no normalisation or scaling of their own: apply feature maps, scales and output norms around them.
/// </summary>
public static class SequenceOps
{
    /// <summary>Softmax attention with a causal mask: o_t = Σ_{s≤t} softmax_s(scale · q_t·k_s) v_s. O(T²) time, flash
    /// kernel memory.</summary>
    /// <param name="q">Queries <c>[B, H, T, Dk]</c>.</param>
    /// <param name="k">Keys <c>[B, H, T, Dk]</c>.</param>
    /// <param name="v">Values <c>[B, H, T, Dv]</c>.</param>
    /// <param name="scale">Logit scale; null means 1/√Dk.</param>
    /// <returns><c>[B, H, T, Dv]</c>.</returns>
    public static Tensor CausalSoftmaxAttention(Tensor q, Tensor k, Tensor v, double? scale = null)
    {
        ShapeChecks.QueryKeyValue(q, k, v, nameof(CausalSoftmaxAttention));
        using var scope = NewDisposeScope();

        // The fused kernel always scales by 1/sqrt(Dk); fold any other scale into q.
        var scaled = scale is double s ? q * (s * Math.Sqrt(q.shape[3])) : q;
        return nn.functional.scaled_dot_product_attention(scaled, k, v, is_casual: true).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Softmax attention over the last <paramref name="window"/> positions (t-window+1..t). Banded: queries are cut into
    /// blocks of <paramref name="window"/> that each attend to their own and the previous key block, so memory is
    /// O(T·window), never a masked T×T matrix.
    /// </summary>
    /// <param name="q">Queries <c>[B, H, T, Dk]</c>.</param>
    /// <param name="k">Keys <c>[B, H, T, Dk]</c>.</param>
    /// <param name="v">Values <c>[B, H, T, Dv]</c>.</param>
    /// <param name="window">Keys visible to each query, including itself (≥ 1).</param>
    /// <param name="scale">Logit scale; null means 1/√Dk.</param>
    /// <returns><c>[B, H, T, Dv]</c>.</returns>
    public static Tensor SlidingWindowAttention(Tensor q, Tensor k, Tensor v, int window, double? scale = null)
    {
        ShapeChecks.QueryKeyValue(q, k, v, nameof(SlidingWindowAttention));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        var (batch, heads, length, dk) = (q.shape[0], q.shape[1], q.shape[2], q.shape[3]);
        var dv = v.shape[3];
        if (window >= length)
        {
            return CausalSoftmaxAttention(q, k, v, scale);
        }

        using var scope = NewDisposeScope();
        long w = window;
        var blocks = (length + w - 1) / w;
        var padded = blocks * w;
        var qb = nn.functional.pad(q, [0, 0, 0, padded - length]).reshape(batch, heads, blocks, w, dk);

        // Keys and values get one zero block in front so block i can see block i-1.
        var kb = nn.functional.pad(k, [0, 0, w, padded - length]).reshape(batch, heads, blocks + 1, w, dk);
        var vb = nn.functional.pad(v, [0, 0, w, padded - length]).reshape(batch, heads, blocks + 1, w, dv);
        var keys = cat([kb.narrow(2, 0, blocks), kb.narrow(2, 1, blocks)], 3);
        var values = cat([vb.narrow(2, 0, blocks), vb.narrow(2, 1, blocks)], 3);

        // Query a of block i is at t = i*w + a; key c of the pair is at s = (i-1)*w + c. Visible iff 0 <= t-s < w and s >= 0.
        var a = arange(w, device: q.device).view(w, 1);
        var c = arange(2 * w, device: q.device).view(1, 2 * w);
        var band = c.gt(a).logical_and(c.le(a + w));
        var firstBlockOk = c.ge(w).view(1, 1, 2 * w);
        var notFirst = arange(blocks, device: q.device).gt(0).view(blocks, 1, 1);
        var visible = band.unsqueeze(0).logical_and(notFirst.logical_or(firstBlockOk));

        var logits = qb.matmul(keys.transpose(-1, -2)) * (scale ?? 1.0 / Math.Sqrt(dk));
        var weights = logits.masked_fill(visible.logical_not(), double.NegativeInfinity).softmax(-1);
        var output = weights.matmul(values).view(batch, heads, padded, dv).narrow(2, 0, length);
        return output.contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Causal linear attention, optionally with a per-step scalar decay per head:
    /// S_t = exp(g_t)·S_{t-1} + k_t v_tᵀ, o_t = S_tᵀ q_t (S is <c>[Dk, Dv]</c> per head, S_{-1} = 0). With
    /// <paramref name="logDecay"/> null it is plain (unnormalised) linear attention; a constant per-head decay gives
    /// RetNet, a data-dependent one GLA/Mamba2-style models.
    /// </summary>
    /// <param name="q">Queries (already feature-mapped and scaled) <c>[B, H, T, Dk]</c>.</param>
    /// <param name="k">Keys <c>[B, H, T, Dk]</c>.</param>
    /// <param name="v">Values <c>[B, H, T, Dv]</c>.</param>
    /// <param name="logDecay">g_t ≤ 0 <c>[B, H, T]</c> (e.g. <c>logsigmoid</c> of a gate), or null for no decay.</param>
    /// <param name="chunkSize">Chunk length; 64 suits CPUs.</param>
    /// <returns><c>[B, H, T, Dv]</c>.</returns>
    public static Tensor ChunkedLinearAttention(Tensor q, Tensor k, Tensor v, Tensor? logDecay = null, int chunkSize = 64)
    {
        ShapeChecks.QueryKeyValue(q, k, v, nameof(ChunkedLinearAttention));
        ShapeChecks.PerStep(logDecay, q, nameof(logDecay), nameof(ChunkedLinearAttention));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        using var scope = NewDisposeScope();
        var x = Chunks.Create(q, k, v, chunkSize);
        var qc = x.Pad(q).reshape(x.Batch, x.Heads, x.Count, x.Size, x.KeyDim);
        var kc = x.Pad(k).reshape(x.Batch, x.Heads, x.Count, x.Size, x.KeyDim);
        var vc = x.Pad(v).reshape(x.Batch, x.Heads, x.Count, x.Size, x.ValueDim);

        var causal = TriangularMask.Lower(x.Size, 0, q.dtype, q.device);
        Tensor scores, qInter = qc, kState = kc;
        Tensor? wholeLog = null;
        if (logDecay is null)
        {
            scores = qc.matmul(kc.transpose(-1, -2)).mul_(causal);
        }
        else
        {
            var decay = x.Decay(logDecay);
            qInter = qc * decay.FromStart.unsqueeze(-1);
            kState = kc * decay.ToEnd.unsqueeze(-1);
            wholeLog = decay.WholeLog;
            scores = decay.Factorable
                ? qInter.matmul(decay.RescaledKeys(kc).transpose(-1, -2)).mul_(causal)
                : qc.matmul(kc.transpose(-1, -2)) * decay.Pairwise();
        }

        var intra = scores.matmul(vc);
        var updates = kState.transpose(-1, -2).matmul(vc);
        var starts = x.StatesBeforeChunks(updates, wholeLog);
        var inter = qInter.matmul(starts);
        return x.Unpad(intra + inter).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The delta rule (DeltaNet, Schlag et al. 2021; chunkwise WY/UT form of Yang et al. 2024):
    /// S_t = (I - β_t k_t k_tᵀ)·S_{t-1} + β_t k_t v_tᵀ, o_t = S_tᵀ q_t. Keys should be L2-normalised
    /// (<see cref="Norms.L2Normalize"/>) so the state stays bounded.
    /// </summary>
    /// <param name="q">Queries <c>[B, H, T, Dk]</c>.</param>
    /// <param name="k">Keys, unit norm <c>[B, H, T, Dk]</c>.</param>
    /// <param name="v">Values <c>[B, H, T, Dv]</c>.</param>
    /// <param name="beta">Write strengths β_t in (0, 1) <c>[B, H, T]</c> (e.g. a sigmoid).</param>
    /// <param name="chunkSize">Chunk length; 64 suits CPUs.</param>
    /// <returns><c>[B, H, T, Dv]</c>.</returns>
    public static Tensor ChunkedDeltaRule(Tensor q, Tensor k, Tensor v, Tensor beta, int chunkSize = 64)
    {
        ShapeChecks.QueryKeyValue(q, k, v, nameof(ChunkedDeltaRule));
        ArgumentNullException.ThrowIfNull(beta);
        ShapeChecks.PerStep(beta, q, nameof(beta), nameof(ChunkedDeltaRule));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        return DeltaRule(q, k, v, beta, null, chunkSize);
    }

    /// <summary>
    /// The gated delta rule (Gated DeltaNet, Yang et al. 2025): S_t = exp(g_t)·(I - β_t k_t k_tᵀ)·S_{t-1} + β_t k_t v_tᵀ,
    /// o_t = S_tᵀ q_t. Chunkwise WY/UT form with the decay folded into the intra-chunk matrices.
    /// </summary>
    /// <param name="q">Queries <c>[B, H, T, Dk]</c>.</param>
    /// <param name="k">Keys, unit norm <c>[B, H, T, Dk]</c>.</param>
    /// <param name="v">Values <c>[B, H, T, Dv]</c>.</param>
    /// <param name="beta">Write strengths β_t in (0, 1) <c>[B, H, T]</c>.</param>
    /// <param name="logDecay">g_t ≤ 0 <c>[B, H, T]</c>.</param>
    /// <param name="chunkSize">Chunk length; 64 suits CPUs.</param>
    /// <returns><c>[B, H, T, Dv]</c>.</returns>
    public static Tensor ChunkedGatedDeltaRule(Tensor q, Tensor k, Tensor v, Tensor beta, Tensor logDecay, int chunkSize = 64)
    {
        ShapeChecks.QueryKeyValue(q, k, v, nameof(ChunkedGatedDeltaRule));
        ArgumentNullException.ThrowIfNull(beta);
        ArgumentNullException.ThrowIfNull(logDecay);
        ShapeChecks.PerStep(beta, q, nameof(beta), nameof(ChunkedGatedDeltaRule));
        ShapeChecks.PerStep(logDecay, q, nameof(logDecay), nameof(ChunkedGatedDeltaRule));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        return DeltaRule(q, k, v, beta, logDecay, chunkSize);
    }

    private static Tensor DeltaRule(Tensor q, Tensor k, Tensor v, Tensor beta, Tensor? logDecay, int chunkSize)
    {
        using var scope = NewDisposeScope();
        var x = Chunks.Create(q, k, v, chunkSize);

        // Chunk-major [N, B·H, C, D] throughout, so the sequential pass slices plain batches of matrices.
        var qc = x.ToChunkMajor(q);
        var kc = x.ToChunkMajor(k);
        var vc = x.ToChunkMajor(v);
        var bc = x.ToChunkMajor(beta);

        var causal = TriangularMask.Lower(x.Size, 0, q.dtype, q.device);
        Tensor gram, scores, qInter = qc, kState = kc, kWrite;
        Tensor? chunkDecay = null;
        if (logDecay is null)
        {
            var keysT = kc.transpose(-1, -2);
            kWrite = kc * bc;
            gram = kWrite.matmul(keysT);
            scores = qc.matmul(keysT).mul_(causal);
        }
        else
        {
            var chunkedLogDecay = x.ToChunkMajor(logDecay).squeeze(-1);
            if (DecayedKeys.TryFused(qc, kc, bc, chunkedLogDecay) is { } decayed)
            {
                // Factored form (ChunkDecay) from one fused node; entries above the diagonal are finite and ignored.
                (qInter, kWrite, kState, chunkDecay) = (decayed.Queries, decayed.WriteKeys, decayed.StateKeys, decayed.ChunkDecay);
                var rightT = decayed.RightKeys.transpose(-1, -2);
                gram = kWrite.matmul(rightT);
                scores = qInter.matmul(rightT).mul_(causal);
            }
            else
            {
                (qInter, kWrite, kState, chunkDecay, gram, scores) = DecayedOperands(x.DecayOfChunks(chunkedLogDecay), qc, kc, bc, causal);
            }
        }

        // UT transform: (I + tril(diag(β) K Kᵀ, -1)) [W U] = [diag(β) K, diag(β) V] for all chunks at once.
        var solved = UtTransform.Solve(gram, cat([kWrite, vc * bc], -1));

        // Only the state pass is sequential (one autograd node, backward written out); the outputs are one batched
        // product-and-sum over all chunks afterwards: O = P E + Q̃ S.
        var (starts, written) = DeltaStatePass.Run(solved, x.KeyDim, kState, chunkDecay);
        var outputs = BatchedProducts.PlusProduct(
            scores.flatten(0, 1).bmm(written.flatten(0, 1)), qInter.flatten(0, 1), starts.flatten(0, 1));
        return x.FromChunkMajor(outputs.view(x.Count, x.Batch * x.Heads, x.Size, x.ValueDim)).MoveToOuterDisposeScope();
    }

    /// <summary>The gated operands and intra-chunk products from libtorch ops, for any dtype, device and decay: factored
    /// where the decay allows it (<see cref="ChunkDecay"/>), pairwise otherwise.</summary>
    private static (Tensor Queries, Tensor WriteKeys, Tensor StateKeys, Tensor ChunkDecay, Tensor Gram, Tensor Scores) DecayedOperands(
        ChunkDecay decay, Tensor qc, Tensor kc, Tensor bc, Tensor causal)
    {
        var fromStart = decay.FromStart.unsqueeze(-1);
        var queries = qc * fromStart;
        var writeKeys = kc * (bc * fromStart);
        var stateKeys = kc * decay.ToEnd.unsqueeze(-1);
        if (decay.Factorable)
        {
            // Entries above the diagonal are finite here; the UT transform reads only the strict lower triangle.
            var rescaledT = decay.RescaledKeys(kc).transpose(-1, -2);
            return (queries, writeKeys, stateKeys, decay.Whole, writeKeys.matmul(rescaledT), queries.matmul(rescaledT).mul_(causal));
        }

        var keysT = kc.transpose(-1, -2);
        var pairwise = decay.Pairwise();
        return (queries, writeKeys, stateKeys, decay.Whole, (kc * bc).matmul(keysT) * pairwise, qc.matmul(keysT) * pairwise);
    }
}
