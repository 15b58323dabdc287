using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Model;

/// <summary>Causal depthwise convolution + SiLU for the backbone until <c>Blocks.ShortConvolution</c> is available.</summary>
internal sealed class InterimShortConvolution : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d conv;
    private readonly long _kernel;

    public InterimShortConvolution(int channels, int kernelSize = 4)
        : base("ShortConvolution")
    {
        conv = nn.Conv1d(channels, channels, kernelSize, groups: channels, bias: false);
        _kernel = kernelSize;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var padded = nn.functional.pad(x.transpose(1, 2), [_kernel - 1, 0]);
        return nn.functional.silu(conv.forward(padded).transpose(1, 2)).MoveToOuterDisposeScope();
    }
}
