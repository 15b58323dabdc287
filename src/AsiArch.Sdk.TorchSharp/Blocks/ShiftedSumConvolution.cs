using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// The causal depthwise convolution of <see cref="ShortConvolution"/>, y_t = Σ_k w_k ⊙ x_{t+k-(K-1)} (zero before the
/// start), as one autograd node: a sum of K shifted copies accumulated in place, and its backward written out
/// (dx_s = Σ_k w_k ⊙ dy_{s+(K-1)-k}, dw_k = Σ_{b,t} dy_t ⊙ x_{t+k-(K-1)}). Autograd on the plain shifted sum kept a
/// padded copy, K products and K-1 sums alive and spent about twice as many full passes over the activations in backward.
/// </summary>
internal sealed class ShiftedSumConvolution : MultiTensorFunction<ShiftedSumConvolution>
{
    /// <inheritdoc/>
    public override string Name => nameof(ShiftedSumConvolution);

    /// <summary>Convolves <paramref name="x"/> <c>[B, T, C]</c> with the taps <paramref name="weight"/> <c>[C, 1, K]</c>
    /// (the layout of a depthwise <c>Conv1d</c> weight).</summary>
    public static Tensor Apply(Tensor x, Tensor weight) => apply(x, weight)[0];

    /// <inheritdoc/>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var (x, weight) = ((Tensor)vars[0], (Tensor)vars[1]);
        var taps = weight.squeeze(1);
        var (length, kernel) = (x.shape[1], taps.shape[1]);
        var padded = nn.functional.pad(x, [0, 0, kernel - 1, 0]);
        var y = padded.narrow(1, 0, length) * taps.select(1, 0);
        for (var k = 1; k < kernel; k++)
        {
            y.addcmul_(padded.narrow(1, k, length), taps.select(1, k), 1.0);
        }

        ctx.save_for_backward([padded, weight]);
        return [y];
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        using var scope = NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var (padded, weight) = (saved[0], saved[1]);
        var taps = weight.squeeze(1);
        var kernel = taps.shape[1];
        var grad = grad_outputs[0];
        var length = grad.shape[1];

        // Output t reads input t+k-(K-1) through tap k, so input s receives dy_{s+(K-1)-k}: pad dy on the right.
        var gradPadded = nn.functional.pad(grad, [0, 0, 0, kernel - 1]);
        var gradInput = gradPadded.narrow(1, kernel - 1, length) * taps.select(1, 0);
        for (var k = 1; k < kernel; k++)
        {
            gradInput.addcmul_(gradPadded.narrow(1, kernel - 1 - k, length), taps.select(1, k), 1.0);
        }

        var channels = grad.shape[2];
        var flatGrad = grad.reshape(-1, channels);
        var gradTaps = stack(Enumerable.Range(0, (int)kernel).Select(k => flatGrad.mul(padded.narrow(1, k, length).reshape(-1, channels)).sum([0L])).ToArray(), 1);
        return [gradInput.MoveToOuterDisposeScope(), gradTaps.view(weight.shape).MoveToOuterDisposeScope()];
    }
}
