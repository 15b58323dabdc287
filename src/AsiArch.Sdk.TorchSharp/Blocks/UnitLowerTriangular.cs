using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// Inverse of unit lower-triangular matrices, batched over all leading dimensions: diagonal blocks of up to 16×16 by a
/// finite Neumann product, then recursive block doubling. A triangular solve per chunk is a long chain of tiny
/// dependent steps on a CPU; here every step is one batched matmul.
/// </summary>
internal static class UnitLowerTriangular
{
    /// <summary>
    /// Size of the diagonal blocks inverted directly. The doubling levels below it were mostly overhead (matmuls of
    /// thousands of 2×2 to 8×8 strided blocks): 512 matrices of 32×32 took 1.7 ms this way against 3.2 ms by doubling
    /// from 1×1 (docs/benchmarks.md).
    /// </summary>
    private const long DirectBlock = 16;

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
        var block = Math.Min(DirectBlock, width);

        // The result is built in place in one [..., width, width] buffer (UtTransform, the caller, runs this without
        // autograd and has its own backward): first its diagonal blocks, then level s fills the lower-left corner of
        // every 2s×2s diagonal block from the two s×s inverses already on its diagonal,
        // [[A, 0], [C, D]]⁻¹ = [[A⁻¹, 0], [-D⁻¹ C A⁻¹, D⁻¹]].
        var inverse = zeros([.. lead, width, width], dtype: matrix.dtype, device: matrix.device);
        var diagonalBlocks = DiagonalBlocks(inverse, lead, width / block, block);
        diagonalBlocks.copy_(NeumannInverse(DiagonalBlocks(lower, lead, width / block, block)));
        for (var s = block; s < width; s *= 2)
        {
            var pairs = width / (2 * s);
            var inverseBlocks = DiagonalBlocks(inverse, lead, pairs, 2 * s);
            var coupling = DiagonalBlocks(lower, lead, pairs, 2 * s).narrow(-2, s, s).narrow(-1, 0, s);
            var first = inverseBlocks.narrow(-2, 0, s).narrow(-1, 0, s);
            var second = inverseBlocks.narrow(-2, s, s).narrow(-1, s, s);
            inverseBlocks.narrow(-2, s, s).narrow(-1, 0, s).copy_(second.matmul(coupling).matmul(first).neg_());
        }

        return (width == size ? inverse : inverse.narrow(-2, 0, size).narrow(-1, 0, size).contiguous()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// (I + L)⁻¹ = (I - L)(I + L²)(I + L⁴)… for strictly lower-triangular b×b blocks L (b a power of two): L^b = 0, so
    /// log2(b) - 1 squarings and as many product-and-sums. <c>[..., b, b]</c> in, contiguous <c>[..., b, b]</c> out.
    /// </summary>
    private static Tensor NeumannInverse(Tensor lower)
    {
        var shape = lower.shape;
        var size = shape[^1];
        var power = lower.neg().reshape(-1, size, size);
        var product = power + eye(size, dtype: lower.dtype, device: lower.device);
        for (var p = 2L; p < size; p *= 2)
        {
            power = power.bmm(power);
            product = BatchedProducts.PlusProduct(product, product, power);
        }

        return product.view(shape);
    }

    /// <summary>The <paramref name="block"/>×<paramref name="block"/> diagonal blocks of <c>[..., width, width]</c> as a
    /// view <c>[..., count, block, block]</c>.</summary>
    private static Tensor DiagonalBlocks(Tensor square, long[] lead, long count, long block) =>
        square.view([.. lead, count, block, count, block]).diagonal(0, -4, -2).movedim([-1L], [-3L]);
}
