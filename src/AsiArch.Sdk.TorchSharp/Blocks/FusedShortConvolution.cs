using AsiArch.Sdk.TorchSharp.Blocks.Kernels;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// The causal depthwise convolution of <see cref="ShortConvolution"/> as one autograd node over float32 CPU tensors,
/// computed by <see cref="ShortConvolutionKernel"/>: one pass forward and one backward, where the same math from
/// libtorch ops (<see cref="CausalDepthwiseConvolution"/>) makes four passes forward and twelve backward.
/// </summary>
internal sealed class FusedShortConvolution : MultiTensorFunction<FusedShortConvolution>
{
    /// <inheritdoc/>
    public override string Name => nameof(FusedShortConvolution);

    /// <summary>conv(x) for <paramref name="x"/> <c>[B, T, C]</c> and <paramref name="taps"/> <c>[K, C]</c> (contiguous
    /// rows, as <see cref="CausalDepthwiseConvolution"/> takes them), both float32 on the CPU.</summary>
    public static Tensor Apply(Tensor x, Tensor taps) => apply(x, taps)[0];

    /// <inheritdoc/>
    public override unsafe List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var x = CpuFloat32.WithDenseRows((Tensor)vars[0]);
        var rows = ((Tensor)vars[1]).contiguous();
        var output = empty(x.shape, dtype: x.dtype, device: x.device);
        ShortConvolutionKernel.Forward(
            CpuFloat32.Pointer(x), LayoutOf(x), CpuFloat32.Pointer(rows), (int)rows.shape[0], CpuFloat32.Pointer(output));

        // Saved tensors stay in the caller's dispose scope, as the output does.
        ctx.save_for_backward([x, rows]);
        return [output];
    }

    /// <inheritdoc/>
    public override unsafe List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var saved = ctx.get_saved_variables();
        var (x, rows) = (saved[0], saved[1]);
        using var scope = NewDisposeScope();
        var grad = grad_outputs[0].contiguous();
        var gradInput = empty(x.shape, dtype: x.dtype, device: x.device);
        var gradRows = empty(rows.shape, dtype: rows.dtype, device: rows.device);
        ShortConvolutionKernel.Backward(
            CpuFloat32.Pointer(grad), CpuFloat32.Pointer(x), LayoutOf(x), CpuFloat32.Pointer(rows), (int)rows.shape[0],
            CpuFloat32.Pointer(gradInput), CpuFloat32.Pointer(gradRows));
        return [gradInput.MoveToOuterDisposeScope(), gradRows.MoveToOuterDisposeScope()];
    }

    private static ShortConvolutionKernel.Layout LayoutOf(Tensor x) =>
        new(x.shape[0], x.shape[1], x.shape[2], x.stride(0), x.stride(1));
}
