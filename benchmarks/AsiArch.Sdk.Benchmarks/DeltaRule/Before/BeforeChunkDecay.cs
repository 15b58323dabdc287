using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.DeltaRule.Before;

/// <summary>Decay factors of a chunked op.</summary>
/// <param name="Pairwise">exp(b_i - b_j) for j ≤ i, else 0: <c>[B, H, N, C, C]</c>.</param>
/// <param name="FromStart">exp(b_i), decay since the chunk start: <c>[B, H, N, C]</c>.</param>
/// <param name="ToEnd">exp(b_last - b_j), decay until the chunk end: <c>[B, H, N, C]</c>.</param>
/// <param name="Whole">exp(b_last), decay across the chunk: <c>[B, H, N, 1, 1]</c>.</param>
/// <param name="WholeLog">b_last, the log of <paramref name="Whole"/> (kept in log space, never underflows): <c>[B, H, N]</c>.</param>
internal sealed record BeforeChunkDecay(Tensor Pairwise, Tensor FromStart, Tensor ToEnd, Tensor Whole, Tensor WholeLog);
