using AsiArch.Sdk.TorchSharp.Blocks.Kernels;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// Causal depthwise 1-D convolution over time with a short kernel (default 4), optionally followed by SiLU: each
/// channel mixes itself over the last <c>kernelSize</c> positions only. <c>[B, T, C]</c> → <c>[B, T, C]</c>.
/// </summary>
public sealed class ShortConvolution : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d _conv;
    private readonly bool _activation;

    /// <summary>Creates the convolution.</summary>
    /// <param name="channels">C.</param>
    /// <param name="kernelSize">Taps; position t sees t-kernelSize+1..t.</param>
    /// <param name="activation">Apply SiLU after the convolution.</param>
    public ShortConvolution(int channels, int kernelSize = 4, bool activation = true)
        : base(nameof(ShortConvolution))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        _activation = activation;
        _conv = nn.Conv1d(channels, channels, kernelSize, groups: channels, bias: false);
        RegisterComponents();
    }

    /// <summary>Applies the convolution.</summary>
    /// <param name="x"><c>[B, T, C]</c>.</param>
    /// <returns><c>[B, T, C]</c>.</returns>
    public override Tensor forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 3 || x.shape[2] != _conv.weight!.shape[0])
        {
            throw new ArgumentException(
                $"ShortConvolution expects [B, T, {_conv.weight!.shape[0]}]; got [{string.Join(", ", x.shape)}].", nameof(x));
        }

        // One pass over memory in a fused loop for float32 on an x64 CPU; elsewhere one autograd node for the
        // convolution instead of libtorch's CPU depthwise conv1d (groups = C), which cost more than the delta rule
        // itself in the DeltaNet layer, or a graph of shifted products, whose backward makes ~25 passes (benchmark
        // deltanet-breakdown). The same weights and arithmetic as the Conv1d over the left-padded input either way.
        using var scope = NewDisposeScope();
        var taps = _conv.weight!.squeeze(1).t().contiguous(); // [K, C]: one row per tap
        var y = CpuFloat32.Applies(x, taps)
            ? FusedShortConvolution.Apply(x, taps)
            : CausalDepthwiseConvolution.Apply(x, taps);
        return (_activation ? nn.functional.silu(y) : y).MoveToOuterDisposeScope();
    }
}
