using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// y_t = Σ_s w_{K-1-s} ⊙ x_{t-s} over <c>[B, T, C]</c> (zero before t = 0): the causal depthwise convolution of
/// <see cref="ShortConvolution"/> as one autograd node with its backward written out.
/// </summary>
/// <remarks>
/// Built from autograd ops (pad, K shifted products, K-1 sums) the backward replays every product and every slice
/// (each slice's gradient is a zero-filled copy of the padded input), about 25 passes over the activations for a
/// kernel of 4; at small widths those passes cost more than the delta rule beside them. Here forward is K in-place
/// multiply-adds on shifted views and backward the same for dx plus one product-and-sum per tap for dw.
/// </remarks>
internal sealed class CausalDepthwiseConvolution : MultiTensorFunction<CausalDepthwiseConvolution>
{
    /// <inheritdoc/>
    public override string Name => nameof(CausalDepthwiseConvolution);

    /// <summary>Convolves <paramref name="x"/> <c>[B, T, C]</c> with <paramref name="taps"/> <c>[K, C]</c>.</summary>
    /// <param name="x">Input, any strides.</param>
    /// <param name="taps">One contiguous row per tap: row K-1 weighs the current step, row 0 the step K-1 back (Conv1d's
    /// cross-correlation order). Rows, not a strided column of Conv1d's <c>[C, K]</c> weight: a column drops libtorch's
    /// elementwise kernels onto their slow path (a 4-pass convolution took 0.74 ms instead of ~0.15 at [2, 2048, 64]).</param>
    public static Tensor Apply(Tensor x, Tensor taps) => apply(x, taps)[0];

    /// <inheritdoc/>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var (x, taps) = ((Tensor)vars[0], (Tensor)vars[1]);
        ctx.save_for_backward([x, taps]);
        return [ShiftedSum(x, taps, backwards: false)];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var saved = ctx.get_saved_variables();
        var (x, taps) = (saved[0], saved[1]);
        var grad = grad_outputs[0];
        using var scope = NewDisposeScope();

        // dw_{K-1-s} = Σ_{b, t} dy_t ⊙ x_{t-s}; dx is the same shifted sum run the other way in time.
        var (length, kernel) = (x.shape[1], taps.shape[0]);
        var tapGrads = new Tensor[kernel];
        for (var k = 0; k < kernel; k++)
        {
            var shift = kernel - 1 - k;
            tapGrads[k] = shift >= length
                ? zeros(taps.shape[1], dtype: taps.dtype, device: taps.device)
                : grad.narrow(1, shift, length - shift).mul(x.narrow(1, 0, length - shift)).sum([0, 1]);
        }

        return [ShiftedSum(grad, taps, backwards: true).MoveToOuterDisposeScope(), stack(tapGrads).MoveToOuterDisposeScope()];
    }

    /// <summary>Forward: out_t = Σ_s w_{K-1-s} ⊙ in_{t-s}; backwards: out_t = Σ_s w_{K-1-s} ⊙ in_{t+s}.</summary>
    private static Tensor ShiftedSum(Tensor input, Tensor taps, bool backwards)
    {
        var (length, kernel) = (input.shape[1], taps.shape[0]);
        var output = input.mul(taps[kernel - 1]);
        for (var shift = 1; shift < kernel && shift < length; shift++)
        {
            var tap = taps[kernel - 1 - shift];
            var (to, from) = backwards ? (0L, (long)shift) : (shift, 0L);
            output.narrow(1, to, length - shift).addcmul_(input.narrow(1, from, length - shift), tap, 1);
        }

        return output;
    }
}
