using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// Lower-triangular masks as numbers, for masking batches of C×C matrices with one multiply: libtorch's CPU
/// <c>tril</c> is a scalar loop, and at 512 blocks of 32×32 its four calls per delta-rule step took more time than the
/// multiplies that replace them (a <c>perf</c> profile of the op, docs/benchmarks.md).
/// </summary>
internal static class TriangularMask
{
    /// <summary><paramref name="value"/> where j ≤ i + <paramref name="diagonal"/>, else 0: <c>[size, size]</c>.</summary>
    public static Tensor Lower(long size, long diagonal, ScalarType dtype, Device device, double value = 1.0) =>
        full(size, size, value, dtype: dtype, device: device).tril(diagonal);
}
