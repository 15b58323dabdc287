using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AsiArch.Sdk.TorchSharp.Blocks.Kernels;

/// <summary>
/// The gated delta rule's decayed operands in <see cref="ChunkDecay"/>'s factored form, in one pass over contiguous
/// chunk-major float32 rows <c>[M, C, D]</c> (M = chunks · heads). From queries q, keys k, write strengths β and log
/// decays g, with b the running sum of g inside each chunk, e = e^b and E = e^b_last: Q̃ = q·e, K̃_w = k·β·e,
/// K̃ = k·E/e, K' = k/e and d = E. Backward maps their gradients to those of q, k, β and g.
/// </summary>
/// <remarks>
/// Only valid where every chunk decays by at most <see cref="ChunkDecay.MaxFactoredDecay"/>, so 1/e stays finite. As
/// libtorch ops this was about twenty small ops forward and thirty-five backward (exps, broadcast products and their
/// reductions, the cumulative sum), a millisecond of a Gated DeltaNet layer at T = 2048.
/// </remarks>
internal static unsafe class DecayedKeysKernel
{
    private static readonly int Lanes = Vector256<float>.Count;

    /// <summary>Writes Q̃, K̃_w, K̃, K' (<c>[M, C, D]</c>) and d (<c>[M]</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(
        float* q, float* k, float* beta, float* logDecay, long count, long size, long width,
        float* queries, float* writeKeys, float* stateKeys, float* rightKeys, float* whole)
    {
        var growth = stackalloc float[(int)size];
        for (long m = 0; m < count; m++)
        {
            var chunkGrowth = Growth(logDecay + (m * size), size, growth);
            whole[m] = chunkGrowth;
            for (long c = 0; c < size; c++)
            {
                var row = ((m * size) + c) * width;
                var (e, strength) = (growth[c], beta[(m * size) + c]);
                Scale(queries + row, q + row, e, width);
                Scale(writeKeys + row, k + row, strength * e, width);
                Scale(stateKeys + row, k + row, chunkGrowth / e, width);
                Scale(rightKeys + row, k + row, 1f / e, width);
            }
        }
    }

    /// <summary>Writes dq, dk (<c>[M, C, D]</c>), dβ and dg (<c>[M, C]</c>) from the outputs' gradients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(
        float* gradQueries, float* gradWriteKeys, float* gradStateKeys, float* gradRightKeys, float* gradWhole,
        float* q, float* k, float* beta, float* logDecay, long count, long size, long width,
        float* dq, float* dk, float* dbeta, float* dlog)
    {
        var growth = stackalloc float[(int)size];
        var gradCumulative = stackalloc float[(int)size];
        for (long m = 0; m < count; m++)
        {
            var chunkGrowth = Growth(logDecay + (m * size), size, growth);

            // d = E = e^b_last, so d(b_last) = dd · E.
            var gradLast = gradWhole[m] * chunkGrowth;
            for (long c = 0; c < size; c++)
            {
                var row = ((m * size) + c) * width;
                var (e, strength) = (growth[c], beta[(m * size) + c]);
                var inverse = 1f / e;
                var kRow = k + row;
                Scale(dq + row, gradQueries + row, e, width);
                ScaleAdd3(dk + row, gradWriteKeys + row, strength * e, gradStateKeys + row, chunkGrowth * inverse, gradRightKeys + row, inverse, width);
                var writeDot = Dot(gradWriteKeys + row, kRow, width);
                var stateTerm = chunkGrowth * inverse * Dot(gradStateKeys + row, kRow, width);
                dbeta[(m * size) + c] = e * writeDot;
                gradCumulative[c] = (e * (Dot(gradQueries + row, q + row, width) + (strength * writeDot)))
                    - stateTerm - (inverse * Dot(gradRightKeys + row, kRow, width));
                gradLast += stateTerm;
            }

            // b_last = b_{C-1}; then dg_j = Σ_{i ≥ j} db_i inside the chunk.
            var running = gradLast;
            for (var c = size - 1; c >= 0; c--)
            {
                running += gradCumulative[c];
                dlog[(m * size) + c] = running;
            }
        }
    }

    /// <summary>The largest decay across one chunk, max over chunks of -(g_0 + ... + g_{C-1}).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LargestChunkDecay(float* logDecay, long count, long size)
    {
        var largest = 0.0;
        for (long m = 0; m < count; m++)
        {
            var sum = 0.0;
            for (long c = 0; c < size; c++)
            {
                sum += logDecay[(m * size) + c];
            }

            largest = Math.Max(largest, -sum);
        }

        return largest;
    }

    /// <summary>growth[c] = e^(g_0 + ... + g_c) over one chunk; returns e^b_last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Growth(float* logDecay, long size, float* growth)
    {
        var sum = 0f;
        for (long c = 0; c < size; c++)
        {
            sum += logDecay[c];
            growth[c] = MathF.Exp(sum);
        }

        return growth[size - 1];
    }

    /// <summary>target = factor · source.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(float* target, float* source, float factor, long count)
    {
        long i = 0;
        var f = Vector256.Create(factor);
        for (; i + Lanes <= count; i += Lanes)
        {
            (Vector256.Load(source + i) * f).Store(target + i);
        }

        for (; i < count; i++)
        {
            target[i] = source[i] * factor;
        }
    }

    /// <summary>target = a·fa + b·fb + c·fc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScaleAdd3(float* target, float* a, float fa, float* b, float fb, float* c, float fc, long count)
    {
        long i = 0;
        var (va, vb, vc) = (Vector256.Create(fa), Vector256.Create(fb), Vector256.Create(fc));
        for (; i + Lanes <= count; i += Lanes)
        {
            ((Vector256.Load(a + i) * va) + (Vector256.Load(b + i) * vb) + (Vector256.Load(c + i) * vc)).Store(target + i);
        }

        for (; i < count; i++)
        {
            target[i] = (a[i] * fa) + (b[i] * fb) + (c[i] * fc);
        }
    }

    /// <summary>Σ a_i b_i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(float* a, float* b, long count)
    {
        long i = 0;
        var sum = Vector256<float>.Zero;
        for (; i + Lanes <= count; i += Lanes)
        {
            sum += Vector256.Load(a + i) * Vector256.Load(b + i);
        }

        var total = Vector256.Sum(sum);
        for (; i < count; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}
