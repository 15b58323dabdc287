using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>Chunk geometry of one chunkwise op call: padding T up to Count·Size and back, causal masks, decays.</summary>
internal sealed record Chunks(long Batch, long Heads, long Length, long KeyDim, long ValueDim, long Size, long Count)
{
    public static Chunks Create(Tensor q, Tensor k, Tensor v, int chunkSize)
    {
        _ = k;
        var length = q.shape[2];
        var size = Math.Max(1, Math.Min(chunkSize, length));
        var count = (length + size - 1) / size;
        return new Chunks(q.shape[0], q.shape[1], length, q.shape[3], v.shape[3], size, count);
    }

    public long Padded => Size * Count;

    /// <summary>Zero-pads the time dimension (dim 2) of a <c>[B, H, T, D]</c> or <c>[B, H, T]</c> tensor.</summary>
    public Tensor Pad(Tensor x)
    {
        var extra = Padded - Length;
        if (extra == 0)
        {
            return x;
        }

        return x.dim() == 4 ? nn.functional.pad(x, [0, 0, 0, extra]) : nn.functional.pad(x, [0, extra]);
    }

    /// <summary><c>[B, H, Count, Size, D]</c> → <c>[B, H, T, D]</c>.</summary>
    public Tensor Unpad(Tensor chunked)
    {
        var flat = chunked.reshape(Batch, Heads, Padded, chunked.shape[^1]);
        return Padded == Length ? flat : flat.narrow(2, 0, Length).contiguous();
    }

    /// <summary>
    /// The state entering each chunk, S_n = Σ_{m&lt;n} (decay of chunks m+1..n-1) · U_m, from the per-chunk updates
    /// <c>[B, H, N, Dk, Dv]</c> in one batched op instead of a sequential pass over the chunks (fewer, larger ops:
    /// this is what keeps long sequences fast on a CPU, forward and backward).
    /// </summary>
    /// <param name="updates">U_n, what chunk n adds to the state.</param>
    /// <param name="wholeLog">Log decay across each chunk <c>[B, H, N]</c>, or null for no decay.</param>
    public Tensor StatesBeforeChunks(Tensor updates, Tensor? wholeLog)
    {
        if (wholeLog is null)
        {
            return updates.cumsum(2) - updates;
        }

        // Weight of U_m in S_n is exp(c_{n-1} - c_m) for m < n, with c the running sum of the chunk log decays;
        // c_{n-1} - c_m <= 0, so every factor is in (0, 1] however long the sequence.
        var c = wholeLog.cumsum(-1);
        var previous = c - wholeLog;
        var exponent = previous.unsqueeze(-1) - c.unsqueeze(-2);
        var below = ones(Count, Count, dtype: ScalarType.Bool, device: updates.device).tril(-1);
        var weights = exponent.masked_fill(below.logical_not(), double.NegativeInfinity).exp();
        var flat = updates.reshape(Batch, Heads, Count, KeyDim * ValueDim);
        return weights.matmul(flat).reshape(Batch, Heads, Count, KeyDim, ValueDim);
    }

    /// <summary>
    /// <c>[B, H, T, D]</c> (or per-step scalars <c>[B, H, T]</c>, as D = 1) → chunk-major <c>[N, B·H, C, D]</c> (a view
    /// where the strides allow): chunk n is then one plain batch of matrices for the sequential pass, sliced without
    /// copies.
    /// </summary>
    public Tensor ToChunkMajor(Tensor x)
    {
        var width = x.dim() == 4 ? x.shape[3] : 1;
        return Pad(x).reshape(Batch, Heads, Count, Size, width).permute(2, 0, 1, 3, 4).reshape(Count, Batch * Heads, Size, width);
    }

    /// <summary>Chunk-major <c>[N, B·H, C, D]</c> → <c>[B, H, T, D]</c>.</summary>
    public Tensor FromChunkMajor(Tensor chunked)
    {
        var width = chunked.shape[^1];
        var flat = chunked.view(Count, Batch, Heads, Size, width).permute(1, 2, 0, 3, 4).reshape(Batch, Heads, Padded, width);
        return Padded == Length ? flat : flat.narrow(2, 0, Length).contiguous();
    }

    /// <summary>Intra-chunk decay factors from per-step log decays <c>[B, H, T]</c>.</summary>
    public ChunkDecay Decay(Tensor logDecay) => DecayOfChunks(Pad(logDecay).reshape(Batch, Heads, Count, Size));

    /// <summary>Intra-chunk decay factors from log decays already cut into chunks, <c>[..., C]</c>; the factors
    /// keep the leading dimensions.</summary>
    public ChunkDecay DecayOfChunks(Tensor chunkedLogDecay) =>
        // Cumulative log decay inside each chunk; every factor is exp of a difference of these that is <= 0, or is
        // factored only where the chunk's decay is bounded (ChunkDecay), so nothing overflows however strong the decay.
        new(chunkedLogDecay.cumsum(-1));
}
