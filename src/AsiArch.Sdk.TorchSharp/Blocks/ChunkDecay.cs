using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// Decay factors of a chunked op, from the cumulative log decays b_i = g_0 + ... + g_i inside each chunk (b decreases
/// along the chunk, b_i ≤ 0).
/// </summary>
/// <remarks>
/// An intra-chunk product decayed pairwise, (X Yᵀ) ⊙ exp(b_i - b_j) for j ≤ i, equals (X ⊙ e^b)(Y ⊙ e^-b)ᵀ on those
/// entries, so where e^-b stays finite and normal the C×C pairwise factors are never built: the rescaling happens on
/// the C×D operands (<see cref="RescaledKeys"/>), and one causal mask replaces the factors' several C×C passes forward
/// and backward. Where a chunk decays more than <see cref="MaxFactoredDecay"/> the op must fall back to
/// <see cref="Pairwise"/>, which never overflows.
/// </remarks>
internal sealed class ChunkDecay
{
    private readonly Tensor _cumulative;

    /// <param name="cumulative">b, cumulative log decay inside each chunk <c>[..., C]</c>.</param>
    public ChunkDecay(Tensor cumulative)
    {
        _cumulative = cumulative;
        var last = cumulative.narrow(-1, cumulative.shape[^1] - 1, 1);
        FromStart = cumulative.exp();
        ToEnd = (last - cumulative).exp();
        Whole = last.exp().unsqueeze(-1);
        WholeLog = last.squeeze(-1);
    }

    /// <summary>exp(b_i), decay since the chunk start: <c>[..., C]</c>.</summary>
    public Tensor FromStart { get; }

    /// <summary>exp(b_last - b_j), decay until the chunk end: <c>[..., C]</c>.</summary>
    public Tensor ToEnd { get; }

    /// <summary>exp(b_last), decay across the chunk: <c>[..., 1, 1]</c>.</summary>
    public Tensor Whole { get; }

    /// <summary>b_last, the log of <see cref="Whole"/> (kept in log space, never underflows): <c>[...]</c>.</summary>
    public Tensor WholeLog { get; }

    /// <summary>
    /// Whether every chunk decays by at most <see cref="MaxFactoredDecay"/> in log space, so e^-b and the masked-out
    /// products above the diagonal (at most e^-b_last) stay far inside the dtype's range. One scalar read.
    /// </summary>
    public bool Factorable => AllowsFactoring(-WholeLog.min().to_type(ScalarType.Float64).item<double>(), _cumulative.dtype);

    /// <summary>Whether chunks whose largest decay (in log space, ≥ 0) is <paramref name="largestChunkDecay"/> may take
    /// the factored form in <paramref name="dtype"/>: the one rule for every path that factors.</summary>
    public static bool AllowsFactoring(double largestChunkDecay, ScalarType dtype)
    {
        var limit = MaxFactoredDecay(dtype);
        return limit > 0 && largestChunkDecay <= limit;
    }

    /// <summary>
    /// Largest log decay across one chunk for which the factored form is used: e^limit must stay well below the
    /// largest finite value and e^-limit well above the smallest normal one (float32: about e^±87), with room for the
    /// gradients' products.
    /// </summary>
    public static double MaxFactoredDecay(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => 300,
        ScalarType.Float32 or ScalarType.BFloat16 => 40,
        _ => 0,
    };

    /// <summary>Keys rescaled by e^-b_j <c>[..., C, D]</c>: with queries or keys times <see cref="FromStart"/> their
    /// product is the decayed product on and below the diagonal. Only valid where <see cref="Factorable"/>.</summary>
    public Tensor RescaledKeys(Tensor keys) => keys * _cumulative.neg().exp().unsqueeze(-1);

    /// <summary>exp(b_i - b_j) for j ≤ i, else 0: <c>[..., C, C]</c>, for any decay.</summary>
    public Tensor Pairwise() => PairwiseDecay.Apply(_cumulative);
}
