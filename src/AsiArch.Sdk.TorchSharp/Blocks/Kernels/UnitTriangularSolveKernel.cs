using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AsiArch.Sdk.TorchSharp.Blocks.Kernels;

/// <summary>
/// Batched solves with the unit lower-triangular matrices I + tril(G, -1) of the UT transform, by substitution over
/// contiguous float32 arrays: <see cref="Solve"/> gives X = (I + L)⁻¹ R and <see cref="SolveTransposed"/>
/// Y = (I + L)⁻ᵀ D (its backward). G is <c>[M, C, C]</c> (only the strict lower triangle is read), R, D and the results
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

    /// <summary>x_i = r_i - Σ_{j&lt;i} G_ij x_j, rows in increasing order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Solve(float* gram, float* rhs, float* output, long count, long size, long width)
    {
        for (long m = 0; m < count; m++)
        {
            var g = gram + (m * size * size);
            var r = rhs + (m * size * width);
            var x = output + (m * size * width);
            for (long i = 0; i < size; i++)
            {
                Update(x + (i * width), r + (i * width), g + (i * size), 1, x, 0, i, width);
            }
        }
    }

    /// <summary>
    /// y_i = d_i - Σ_{j&gt;i} G_ji y_j, rows in decreasing order. Once y_i is final it is subtracted from every row
    /// above it, so G is read along its rows (a column walk with a 4C-byte stride ran at half the speed).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SolveTransposed(float* gram, float* grad, float* output, long count, long size, long width)
    {
        new Span<float>(grad, checked((int)(count * size * width))).CopyTo(new Span<float>(output, checked((int)(count * size * width))));
        for (long m = 0; m < count; m++)
        {
            var g = gram + (m * size * size);
            var y = output + (m * size * width);
            for (var i = size - 1; i > 0; i--)
            {
                var final = y + (i * width);
                var coefficients = g + (i * size);
                for (long j = 0; j < i; j++)
                {
                    SubtractScaled(y + (j * width), coefficients[j], final, width);
                }
            }
        }
    }

    /// <summary>target -= factor · row, over <paramref name="width"/> columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubtractScaled(float* target, float factor, float* row, long width)
    {
        long v = 0;
        var f = Vector256.Create(factor);
        for (; v + Lanes <= width; v += Lanes)
        {
            (Vector256.Load(target + v) - (f * Vector256.Load(row + v))).Store(target + v);
        }

        for (; v < width; v++)
        {
            target[v] -= factor * row[v];
        }
    }

    /// <summary>
    /// target = source - Σ_{j in [from, to)} coefficients[j·step] · rows[j], over <paramref name="width"/> columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* target, float* source, float* coefficients, long step, float* rows, long from, long to, long width)
    {
        long v = 0;
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
