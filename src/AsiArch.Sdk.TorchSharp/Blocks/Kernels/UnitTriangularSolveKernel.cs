using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AsiArch.Sdk.TorchSharp.Blocks.Kernels;

/// <summary>
/// Batched solves with the unit lower-triangular matrices I + tril(G, -1) of the UT transform, by substitution over
/// contiguous float32 arrays: <see cref="Solve"/> gives X = (I + L)⁻¹ R, or Y = (I + L)⁻ᵀ D (its backward). G is <c>[M, C, C]</c> (only the strict lower triangle is read), R, D and the results
/// <c>[M, C, W]</c>.
/// </summary>
/// <remarks>
/// A 32×32 chunk needs about 500 row updates; as batched libtorch ops the same solve was an explicit inverse (six small
/// matmuls in the Neumann and doubling steps) and a product with it, forward, and another product backward, all
/// dominated by per-call and packing costs at these sizes.
/// </remarks>
internal static unsafe class UnitTriangularSolveKernel
{
    private static readonly int Lanes = Vector256<float>.Count;

    /// <summary>
    /// Forward, x_i = r_i - Σ_{j&lt;i} G_ij x_j with rows in increasing order; <paramref name="transposed"/>,
    /// y_i = d_i - Σ_{j&gt;i} G_ji y_j with rows in decreasing order (G read down its columns).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Solve(float* gram, float* right, float* output, long count, long size, long width, bool transposed)
    {
        for (long m = 0; m < count; m++)
        {
            var g = gram + (m * size * size);
            var r = right + (m * size * width);
            var x = output + (m * size * width);
            for (long n = 0; n < size; n++)
            {
                var i = transposed ? size - 1 - n : n;
                if (transposed)
                {
                    Update(x + (i * width), r + (i * width), g + i, size, x, i + 1, size, width);
                }
                else
                {
                    Update(x + (i * width), r + (i * width), g + (i * size), 1, x, 0, i, width);
                }
            }
        }
    }

    /// <summary>
    /// target = source - Σ_{j in [from, to)} coefficients[j·step] · rows[j], over <paramref name="width"/> columns.
    /// Four vectors of columns at a time: with one accumulator the loop waited on each multiply-add's latency (the
    /// whole UT solve took 1.3 ms a pass at 512 chunks of 32).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* target, float* source, float* coefficients, long step, float* rows, long from, long to, long width)
    {
        long v = 0;
        for (; v + (4 * Lanes) <= width; v += 4 * Lanes)
        {
            var s0 = Vector256.Load(source + v);
            var s1 = Vector256.Load(source + v + Lanes);
            var s2 = Vector256.Load(source + v + (2 * Lanes));
            var s3 = Vector256.Load(source + v + (3 * Lanes));
            for (var j = from; j < to; j++)
            {
                var c = Vector256.Create(coefficients[j * step]);
                var row = rows + (j * width) + v;
                s0 -= c * Vector256.Load(row);
                s1 -= c * Vector256.Load(row + Lanes);
                s2 -= c * Vector256.Load(row + (2 * Lanes));
                s3 -= c * Vector256.Load(row + (3 * Lanes));
            }

            s0.Store(target + v);
            s1.Store(target + v + Lanes);
            s2.Store(target + v + (2 * Lanes));
            s3.Store(target + v + (3 * Lanes));
        }

        for (; v + Lanes <= width; v += Lanes)
        {
            var sum = Vector256.Load(source + v);
            for (var j = from; j < to; j++)
            {
                sum -= Vector256.Create(coefficients[j * step]) * Vector256.Load(rows + (j * width) + v);
            }

            sum.Store(target + v);
        }

        for (; v < width; v++)
        {
            var sum = source[v];
            for (var j = from; j < to; j++)
            {
                sum -= coefficients[j * step] * rows[(j * width) + v];
            }

            target[v] = sum;
        }
    }
}
