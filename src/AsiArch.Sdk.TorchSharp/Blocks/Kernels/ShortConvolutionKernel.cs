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

    /// <summary>True where 256-bit vectors are instructions (x64 with AVX); elsewhere (e.g. 128-bit NEON) they would be
    /// emulated and slower than libtorch's ops.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>Sizes and strides (in floats) of a <c>[B, T, C]</c> operand.</summary>
    public readonly record struct Layout(long Batch, long Length, long Channels, long BatchStride, long TimeStride);

    /// <summary>y_t = Σ_s w_{K-1-s} ⊙ x_{t-s} (zero before t = 0) into contiguous <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(float* x, Layout layout, float* taps, int kernel, float* output)
    {
        var channels = layout.Channels;
        var vectorEnd = channels - (channels % Lanes);
        for (long b = 0; b < layout.Batch; b++)
        {
            for (long t = 0; t < layout.Length; t++)
            {
                var source = x + (b * layout.BatchStride) + (t * layout.TimeStride);
                var target = output + (((b * layout.Length) + t) * channels);
                var visible = (int)Math.Min(kernel, t + 1);
                long c = 0;
                if (kernel == 4 && visible == 4)
                {
                    // The default kernel, unrolled: eight loads, four products and one store a vector.
                    var x1 = source - layout.TimeStride;
                    var x2 = source - (2 * layout.TimeStride);
                    var x3 = source - (3 * layout.TimeStride);
                    var w0 = taps;
                    var w1 = taps + channels;
                    var w2 = taps + (2 * channels);
                    var w3 = taps + (3 * channels);
                    for (; c < vectorEnd; c += Lanes)
                    {
                        var sum = (Vector256.Load(w3 + c) * Vector256.Load(source + c)) + (Vector256.Load(w2 + c) * Vector256.Load(x1 + c))
                            + (Vector256.Load(w1 + c) * Vector256.Load(x2 + c)) + (Vector256.Load(w0 + c) * Vector256.Load(x3 + c));
                        sum.Store(target + c);
                    }
                }

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
    /// From the output gradient g (contiguous): dx_t = Σ_s w_{K-1-s} ⊙ g_{t+s} into contiguous
    /// <paramref name="gradInput"/>, and dw_{K-1-s} = Σ_{b,t} g_t ⊙ x_{t-s} into <paramref name="gradTaps"/> <c>[K, C]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(float* grad, float* x, Layout layout, float* taps, int kernel, float* gradInput, float* gradTaps)
    {
        var channels = layout.Channels;
        var vectorEnd = channels - (channels % Lanes);
        new Span<float>(gradTaps, checked((int)(kernel * channels))).Clear();
        for (long b = 0; b < layout.Batch; b++)
        {
            for (long t = 0; t < layout.Length; t++)
            {
                var row = ((b * layout.Length) + t) * channels;
                var source = x + (b * layout.BatchStride) + (t * layout.TimeStride);
                var ahead = (int)Math.Min(kernel, layout.Length - t);
                var behind = (int)Math.Min(kernel, t + 1);
                long c = 0;
                if (kernel == 4 && ahead == 4 && behind == 4)
                {
                    // The default kernel, unrolled.
                    var g0 = grad + row;
                    var g1 = grad + row + channels;
                    var g2 = grad + row + (2 * channels);
                    var g3 = grad + row + (3 * channels);
                    var x1 = source - layout.TimeStride;
                    var x2 = source - (2 * layout.TimeStride);
                    var x3 = source - (3 * layout.TimeStride);
                    var w0 = taps;
                    var w1 = taps + channels;
                    var w2 = taps + (2 * channels);
                    var w3 = taps + (3 * channels);
                    var d0 = gradTaps;
                    var d1 = gradTaps + channels;
                    var d2 = gradTaps + (2 * channels);
                    var d3 = gradTaps + (3 * channels);
                    for (; c < vectorEnd; c += Lanes)
                    {
                        var g = Vector256.Load(g0 + c);
                        var sum = (Vector256.Load(w3 + c) * g) + (Vector256.Load(w2 + c) * Vector256.Load(g1 + c))
                            + (Vector256.Load(w1 + c) * Vector256.Load(g2 + c)) + (Vector256.Load(w0 + c) * Vector256.Load(g3 + c));
                        sum.Store(gradInput + row + c);
                        (Vector256.Load(d3 + c) + (g * Vector256.Load(source + c))).Store(d3 + c);
                        (Vector256.Load(d2 + c) + (g * Vector256.Load(x1 + c))).Store(d2 + c);
                        (Vector256.Load(d1 + c) + (g * Vector256.Load(x2 + c))).Store(d1 + c);
                        (Vector256.Load(d0 + c) + (g * Vector256.Load(x3 + c))).Store(d0 + c);
                    }
                }

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
}
