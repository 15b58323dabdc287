using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.DeltaRule.Before;

/// <summary>
/// Inverse of unit lower-triangular matrices by recursive block doubling, batched over all leading dimensions. A
/// triangular solve per chunk is a long chain of tiny dependent steps on a CPU; here each of the log2(C) levels is two
/// batched matmuls, using [[A, 0], [C, D]]⁻¹ = [[A⁻¹, 0], [-D⁻¹ C A⁻¹, D⁻¹]] on the diagonal blocks.
/// </summary>
internal static class BeforeUnitLowerTriangular
{
    /// <summary>(I + tril(<paramref name="matrix"/>, -1))⁻¹; entries on and above the diagonal are ignored.</summary>
    /// <param name="matrix"><c>[..., C, C]</c>, any C ≥ 1.</param>
    /// <returns><c>[..., C, C]</c>, unit lower-triangular.</returns>
    public static Tensor Inverse(Tensor matrix)
    {
        using var scope = NewDisposeScope();
        var size = matrix.shape[^1];
        var width = 1L;
        while (width < size)
        {
            width *= 2;
        }

        // Pad to a power of two with an identity block: the inverse of diag(M, I) is diag(M⁻¹, I).
        var lower = matrix.tril(-1);
        if (width != size)
        {
            lower = nn.functional.pad(lower, [0, width - size, 0, width - size]);
        }

        var lead = lower.shape[..^2];

        // Inverses of the diagonal blocks of the current size s, [..., width/s, s, s]; at s = 1 they are all 1.
        var blocks = ones([.. lead, width, 1, 1], dtype: matrix.dtype, device: matrix.device);
        for (var s = 1L; s < width; s *= 2)
        {
            var pairs = width / (2 * s);

            // The lower-left s×s block of each 2s×2s diagonal block: [..., pairs, s, s].
            var diagonal = lower.view([.. lead, pairs, 2 * s, pairs, 2 * s]).diagonal(0, -4, -2);
            var coupling = diagonal.narrow(-3, s, s).narrow(-2, 0, s).movedim([-1L], [-3L]);
            var paired = blocks.view([.. lead, pairs, 2, s, s]);
            var first = paired.select(-3, 0);
            var second = paired.select(-3, 1);
            var corner = second.matmul(coupling).matmul(first).neg_();
            blocks = cat([cat([first, zeros_like(first)], -1), cat([corner, second], -1)], -2);
        }

        var inverse = blocks.view([.. lead, width, width]);
        return (width == size ? inverse : inverse.narrow(-2, 0, size).narrow(-1, 0, size).contiguous()).MoveToOuterDisposeScope();
    }
}
