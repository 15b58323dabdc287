using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AsiArch.Sdk.TorchSharp.Blocks.Kernels;

/// <summary>
/// The causal depthwise convolution of <see cref="ShortConvolution"/>, forward and backward, each in one pass over
/// <c>[B, T, C]</c> float32 rows (C dense; B and T at any stride). Taps are <c>[K, C]</c>, contiguous: tap k of channel
/// c at <c>taps[k·C + c]</c>, tap K-1 on the current step.
/// </summary>
/// <remarks>The loops are compiled fully optimised on first call: at tier 0, vector operations are calls, not
/// instructions.</remarks>
internal static unsafe class ShortConvolutionKernel
{
    private static readonly int Lanes = Vector256<float>.Count;

    /// <summary>Steps swept per vector of channels before moving to the next vector: the block's rows stay in cache
    /// for the neighbouring channels of the same cache lines.</summary>
    private const long TimeBlock = 64;

    /// <summary>Sizes and strides (in floats) of a <c>[B, T, C]</c> operand.</summary>
    public readonly record struct Layout(long Batch, long Length, long Channels, long BatchStride, long TimeStride);

    /// <summary>y_t = Σ_s w_{K-1-s} ⊙ x_{t-s} (zero before t = 0) into contiguous <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(float* x, Layout layout, float* taps, int kernel, float* output)
    {
        var channels = layout.Channels;
        var windowed = kernel == 4 ? channels - (channels % Lanes) : 0;
        for (long b = 0; b < layout.Batch; b++)
        {
            for (long from = 0; from < layout.Length; from += TimeBlock)
            {
                var to = Math.Min(from + TimeBlock, layout.Length);
                for (long c = 0; c < windowed; c += Lanes)
                {
                    ForwardWindow(x + (b * layout.BatchStride) + c, layout, taps + c, output + (b * layout.Length * channels) + c, from, to);
                }
            }
        }

        var vectorEnd = channels - (channels % Lanes);
        for (long b = 0; b < layout.Batch; b++)
        {
            for (long t = 0; t < layout.Length; t++)
            {
                var source = x + (b * layout.BatchStride) + (t * layout.TimeStride);
                var target = output + (((b * layout.Length) + t) * channels);
                var visible = (int)Math.Min(kernel, t + 1);
                var c = windowed;
                for (; c < vectorEnd; c += Lanes)
                {
                    var sum = Vector256<float>.Zero;
                    for (var s = 0; s < visible; s++)
                    {
                        var tap = Vector256.Load(taps + ((kernel - 1 - s) * channels) + c);
                        sum += tap * Vector256.Load(source - (s * layout.TimeStride) + c);
                    }

                    sum.Store(target + c);
                }

                for (; c < channels; c++)
                {
                    var sum = 0f;
                    for (var s = 0; s < visible; s++)
                    {
                        sum += taps[((kernel - 1 - s) * channels) + c] * source[c - (s * layout.TimeStride)];
                    }

                    target[c] = sum;
                }
            }
        }
    }

    /// <summary>
    /// The default kernel (4 taps) over one vector of channels of one sequence, walking time with the last three
    /// inputs kept in registers: one load and one store a step. Row by row, every step reloaded four inputs and four
    /// taps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardWindow(float* x, Layout layout, float* taps, float* output, long from, long to)
    {
        var (channels, stride) = (layout.Channels, layout.TimeStride);
        var (w0, w1, w2, w3) = (Vector256.Load(taps), Vector256.Load(taps + channels), Vector256.Load(taps + (2 * channels)), Vector256.Load(taps + (3 * channels)));
        var x1 = from >= 1 ? Vector256.Load(x + ((from - 1) * stride)) : Vector256<float>.Zero;
        var x2 = from >= 2 ? Vector256.Load(x + ((from - 2) * stride)) : Vector256<float>.Zero;
        var x3 = from >= 3 ? Vector256.Load(x + ((from - 3) * stride)) : Vector256<float>.Zero;
        for (var t = from; t < to; t++)
        {
            var x0 = Vector256.Load(x + (t * stride));
            ((w3 * x0) + (w2 * x1) + (w1 * x2) + (w0 * x3)).Store(output + (t * channels));
            (x3, x2, x1) = (x2, x1, x0);
        }
    }

    /// <summary>
    /// From the output gradient g (contiguous): dx_t = Σ_s w_{K-1-s} ⊙ g_{t+s} into contiguous
    /// <paramref name="gradInput"/>, and dw_{K-1-s} = Σ_{b,t} g_t ⊙ x_{t-s} into <paramref name="gradTaps"/> <c>[K, C]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(float* grad, float* x, Layout layout, float* taps, int kernel, float* gradInput, float* gradTaps)
    {
        var channels = layout.Channels;
        new Span<float>(gradTaps, checked((int)(kernel * channels))).Clear();
        var windowed = kernel == 4 ? channels - (channels % Lanes) : 0;
        for (long b = 0; b < layout.Batch; b++)
        {
            var rows = b * layout.Length * channels;
            for (long from = 0; from < layout.Length; from += TimeBlock)
            {
                var to = Math.Min(from + TimeBlock, layout.Length);
                for (long c = 0; c < windowed; c += Lanes)
                {
                    BackwardWindow(grad + rows + c, x + (b * layout.BatchStride) + c, layout, taps + c, gradInput + rows + c, gradTaps + c, from, to);
                }
            }
        }

        var vectorEnd = channels - (channels % Lanes);
        for (long b = 0; b < layout.Batch; b++)
        {
            for (long t = 0; t < layout.Length; t++)
            {
                var row = ((b * layout.Length) + t) * channels;
                var source = x + (b * layout.BatchStride) + (t * layout.TimeStride);
                var ahead = (int)Math.Min(kernel, layout.Length - t);
                var behind = (int)Math.Min(kernel, t + 1);
                var c = windowed;
                for (; c < vectorEnd; c += Lanes)
                {
                    var g = Vector256.Load(grad + row + c);
                    var sum = Vector256<float>.Zero;
                    for (var s = 0; s < ahead; s++)
                    {
                        sum += Vector256.Load(taps + ((kernel - 1 - s) * channels) + c) * Vector256.Load(grad + row + (s * channels) + c);
                    }

                    sum.Store(gradInput + row + c);
                    for (var s = 0; s < behind; s++)
                    {
                        var slot = gradTaps + ((kernel - 1 - s) * channels) + c;
                        (Vector256.Load(slot) + (g * Vector256.Load(source - (s * layout.TimeStride) + c))).Store(slot);
                    }
                }

                for (; c < channels; c++)
                {
                    var g = grad[row + c];
                    var sum = 0f;
                    for (var s = 0; s < ahead; s++)
                    {
                        sum += taps[((kernel - 1 - s) * channels) + c] * grad[row + (s * channels) + c];
                    }

                    gradInput[row + c] = sum;
                    for (var s = 0; s < behind; s++)
                    {
                        gradTaps[((kernel - 1 - s) * channels) + c] += g * source[c - (s * layout.TimeStride)];
                    }
                }
            }
        }
    }

    /// <summary>
    /// The default kernel's backward over one vector of channels of one sequence, walking time backwards with the next
    /// three gradients and the previous three inputs in registers and the tap gradients accumulated in registers:
    /// two loads and one store a step. Adds this sequence's tap gradients to <paramref name="gradTaps"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardWindow(float* grad, float* x, Layout layout, float* taps, float* gradInput, float* gradTaps, long from, long to)
    {
        var (channels, length, stride) = (layout.Channels, layout.Length, layout.TimeStride);
        var (w0, w1, w2, w3) = (Vector256.Load(taps), Vector256.Load(taps + channels), Vector256.Load(taps + (2 * channels)), Vector256.Load(taps + (3 * channels)));
        var (d0, d1, d2, d3) = (Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero);

        // g1, g2, g3 = g_{t+1}, g_{t+2}, g_{t+3} and xa, xb, xc = x_t, x_{t-1}, x_{t-2} entering step t = to - 1
        // (zero outside the sequence).
        var g1 = to < length ? Vector256.Load(grad + (to * channels)) : Vector256<float>.Zero;
        var g2 = to + 1 < length ? Vector256.Load(grad + ((to + 1) * channels)) : Vector256<float>.Zero;
        var g3 = to + 2 < length ? Vector256.Load(grad + ((to + 2) * channels)) : Vector256<float>.Zero;
        var xa = Vector256.Load(x + ((to - 1) * stride));
        var xb = to >= 2 ? Vector256.Load(x + ((to - 2) * stride)) : Vector256<float>.Zero;
        var xc = to >= 3 ? Vector256.Load(x + ((to - 3) * stride)) : Vector256<float>.Zero;
        for (var t = to - 1; t >= from; t--)
        {
            var g0 = Vector256.Load(grad + (t * channels));
            ((w3 * g0) + (w2 * g1) + (w1 * g2) + (w0 * g3)).Store(gradInput + (t * channels));
            var xd = t >= 3 ? Vector256.Load(x + ((t - 3) * stride)) : Vector256<float>.Zero;
            d3 += g0 * xa;
            d2 += g0 * xb;
            d1 += g0 * xc;
            d0 += g0 * xd;
            (g3, g2, g1) = (g2, g1, g0);
            (xa, xb, xc) = (xb, xc, xd);
        }

        (Vector256.Load(gradTaps) + d0).Store(gradTaps);
        (Vector256.Load(gradTaps + channels) + d1).Store(gradTaps + channels);
        (Vector256.Load(gradTaps + (2 * channels)) + d2).Store(gradTaps + (2 * channels));
        (Vector256.Load(gradTaps + (3 * channels)) + d3).Store(gradTaps + (3 * channels));
    }
}
