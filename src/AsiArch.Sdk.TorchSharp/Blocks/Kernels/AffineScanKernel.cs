using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AsiArch.Sdk.TorchSharp.Blocks.Kernels;

/// <summary>
/// The sequential loop of the affine state pass over contiguous float32 arrays: N steps of a batch of B independent
/// K×V states. Forward, y_{n+1} = x_n + A_n y_n from y_0 = 0; in reverse (the backward pass),
/// y_{n-1} = x_n + A_nᵀ y_n from y_{N-1} = 0. Transitions A are <c>[N, B, K, K]</c>, inputs x and outputs y
/// <c>[N, B, K, V]</c>.
/// </summary>
/// <remarks>
/// At the search's widths a step is a few thousand multiply-adds, so as libtorch ops the loop was mostly per-call
/// overhead (a P/Invoke, a dispatch and an allocation a step, 64 steps each way at T = 2048). The whole loop here is a few
/// hundred microseconds on one core.
/// </remarks>
internal static unsafe class AffineScanKernel
{
    private static readonly int Lanes = Vector256<float>.Count;

    /// <summary>Sizes of one scan.</summary>
    public readonly record struct Shape(long Steps, long Batch, long KeyDim, long ValueDim);

    /// <summary>Runs the scan into <paramref name="output"/> (every element is written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* transitions, float* inputs, float* output, Shape shape, bool reverse)
    {
        var (keyDim, valueDim) = (shape.KeyDim, shape.ValueDim);
        var stateSize = keyDim * valueDim;
        var stepStates = shape.Batch * stateSize;
        var stepTransitions = shape.Batch * keyDim * keyDim;
        var first = reverse ? shape.Steps - 1 : 0;
        new Span<float>(output + (first * stepStates), checked((int)stepStates)).Clear();
        for (long i = 1; i < shape.Steps; i++)
        {
            // Step n reads y_n and writes y_{n+1} (forward, n = i - 1) or y_{n-1} (reverse, n = N - i).
            var step = reverse ? shape.Steps - i : i - 1;
            var target = reverse ? step - 1 : step + 1;
            for (long b = 0; b < shape.Batch; b++)
            {
                Step(
                    transitions + (step * stepTransitions) + (b * keyDim * keyDim),
                    inputs + (step * stepStates) + (b * stateSize),
                    output + (step * stepStates) + (b * stateSize),
                    output + (target * stepStates) + (b * stateSize),
                    keyDim,
                    valueDim,
                    reverse);
            }
        }
    }

    /// <summary>target = input + A·state (or Aᵀ·state), one K×V state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step(float* a, float* input, float* state, float* target, long keyDim, long valueDim, bool transposed)
    {
        var vectorEnd = valueDim - (valueDim % Lanes);
        var (rowStride, columnStride) = transposed ? (1L, keyDim) : (keyDim, 1L);
        long row = 0;

        // Four output rows at a time share each load of the state and keep four multiply-add chains in flight; one row
        // at a time waited on each multiply-add's latency.
        for (; row + 4 <= keyDim; row += 4)
        {
            var c0 = a + (row * rowStride);
            var c1 = a + ((row + 1) * rowStride);
            var c2 = a + ((row + 2) * rowStride);
            var c3 = a + ((row + 3) * rowStride);
            for (long v = 0; v < vectorEnd; v += Lanes)
            {
                var s0 = Vector256.Load(input + (row * valueDim) + v);
                var s1 = Vector256.Load(input + ((row + 1) * valueDim) + v);
                var s2 = Vector256.Load(input + ((row + 2) * valueDim) + v);
                var s3 = Vector256.Load(input + ((row + 3) * valueDim) + v);
                for (long j = 0; j < keyDim; j++)
                {
                    var x = Vector256.Load(state + (j * valueDim) + v);
                    var k = j * columnStride;
                    s0 = Vector256.MultiplyAddEstimate(Vector256.Create(c0[k]), x, s0);
                    s1 = Vector256.MultiplyAddEstimate(Vector256.Create(c1[k]), x, s1);
                    s2 = Vector256.MultiplyAddEstimate(Vector256.Create(c2[k]), x, s2);
                    s3 = Vector256.MultiplyAddEstimate(Vector256.Create(c3[k]), x, s3);
                }

                s0.Store(target + (row * valueDim) + v);
                s1.Store(target + ((row + 1) * valueDim) + v);
                s2.Store(target + ((row + 2) * valueDim) + v);
                s3.Store(target + ((row + 3) * valueDim) + v);
            }

            for (var r = row; r < row + 4; r++)
            {
                ScalarColumns(a + (r * rowStride), columnStride, input, state, target, r, vectorEnd, keyDim, valueDim);
            }
        }

        for (; row < keyDim; row++)
        {
            var coefficients = a + (row * rowStride);
            for (long v = 0; v < vectorEnd; v += Lanes)
            {
                var sum = Vector256.Load(input + (row * valueDim) + v);
                for (long j = 0; j < keyDim; j++)
                {
                    sum = Vector256.MultiplyAddEstimate(
                        Vector256.Create(coefficients[j * columnStride]), Vector256.Load(state + (j * valueDim) + v), sum);
                }

                sum.Store(target + (row * valueDim) + v);
            }

            ScalarColumns(coefficients, columnStride, input, state, target, row, vectorEnd, keyDim, valueDim);
        }
    }

    /// <summary>Columns <paramref name="from"/>.. of one output row, one at a time (the tail past the last full vector).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScalarColumns(
        float* coefficients, long columnStride, float* input, float* state, float* target, long row, long from, long keyDim, long valueDim)
    {
        for (var v = from; v < valueDim; v++)
        {
            var sum = input[(row * valueDim) + v];
            for (long j = 0; j < keyDim; j++)
            {
                sum += coefficients[j * columnStride] * state[(j * valueDim) + v];
            }

            target[(row * valueDim) + v] = sum;
        }
    }
}
