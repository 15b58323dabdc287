using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// Inverse of unit lower-triangular matrices by recursive block doubling, batched over all leading dimensions. A
/// triangular solve per chunk is a long chain of tiny dependent steps on a CPU; here each of the log2(C) levels is two
/// batched matmuls, using [[A, 0], [C, D]]⁻¹ = [[A⁻¹, 0], [-D⁻¹ C A⁻¹, D⁻¹]] on the diagonal blocks.
/// </summary>
internal static class UnitLowerTriangular
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
        var lower = matrix.mul(TriangularMask.Lower(size, -1, matrix.dtype, matrix.device));
        if (width != size)
        {
            lower = nn.functional.pad(lower, [0, width - size, 0, width - size]);
        }

        var lead = lower.shape[..^2];

        // The result is built in place in one [..., width, width] buffer (UtTransform, the caller, runs this without
        // autograd and has its own backward). It starts as the identity, whose 1×1 diagonal blocks are their own
        // inverses; level s fills the lower-left corner of every 2s×2s diagonal block from the two s×s inverses
        // already on its diagonal. This saves concatenating new blocks at every level (3-10% faster for 512 blocks of
        // 32×32 and 256 of 64×64, docs/benchmarks.md).
        var inverse = eye(width, dtype: matrix.dtype, device: matrix.device).expand([.. lead, width, width]).contiguous();
        for (var s = 1L; s < width; s *= 2)
        {
            var pairs = width / (2 * s);
            var inverseBlocks = DiagonalBlocks(inverse, lead, pairs, 2 * s);
            var coupling = DiagonalBlocks(lower, lead, pairs, 2 * s).narrow(-2, s, s).narrow(-1, 0, s);
            var first = inverseBlocks.narrow(-2, 0, s).narrow(-1, 0, s);
            var second = inverseBlocks.narrow(-2, s, s).narrow(-1, s, s);

            // At s = 1 both diagonal blocks are 1: the corner is -C without two matmuls of 1×1 blocks.
            var corner = s == 1 ? coupling.neg() : second.matmul(coupling).matmul(first).neg_();
            inverseBlocks.narrow(-2, s, s).narrow(-1, 0, s).copy_(corner);
        }

        return (width == size ? inverse : inverse.narrow(-2, 0, size).narrow(-1, 0, size).contiguous()).MoveToOuterDisposeScope();
    }

    /// <summary>The <paramref name="block"/>×<paramref name="block"/> diagonal blocks of <c>[..., width, width]</c> as a
    /// view <c>[..., count, block, block]</c>.</summary>
    private static Tensor DiagonalBlocks(Tensor square, long[] lead, long count, long block) =>
        square.view([.. lead, count, block, count, block]).diagonal(0, -4, -2).movedim([-1L], [-3L]);
}
