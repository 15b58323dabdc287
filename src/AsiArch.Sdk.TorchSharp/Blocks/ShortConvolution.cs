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
    private readonly int _kernelSize;
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
        _kernelSize = kernelSize;
        _activation = activation;
        _conv = nn.Conv1d(channels, channels, kernelSize, groups: channels, bias: false);
        RegisterComponents();
    }

    /// <summary>Applies the convolution.</summary>
    /// <param name="x"><c>[B, T, C]</c>.</param>
    /// <returns><c>[B, T, C]</c>.</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // A sum of kernelSize shifted copies, in the [B, T, C] layout and without transposes: libtorch's CPU depthwise
        // conv1d (groups = C) cost more than the delta rule itself in the DeltaNet layer (benchmark deltanet-breakdown).
        // The same weights and the same arithmetic as the Conv1d (cross-correlation over the left-padded input).
        var length = x.shape[1];
        var padded = nn.functional.pad(x, [0, 0, _kernelSize - 1, 0]);
        var taps = _conv.weight!.squeeze(1);
        var y = padded.narrow(1, 0, length) * taps.select(1, 0);
        for (var k = 1; k < _kernelSize; k++)
        {
            y = y + (padded.narrow(1, k, length) * taps.select(1, k));
        }

        return (_activation ? nn.functional.silu(y) : y).MoveToOuterDisposeScope();
    }
}
