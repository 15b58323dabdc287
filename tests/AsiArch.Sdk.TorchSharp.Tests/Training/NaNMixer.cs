using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Training;

/// <summary>A mixer whose output turns NaN from its <c>nanFromCall</c>-th forward pass on (training divergence stand-in).</summary>
public sealed class NaNMixer : nn.Module<Tensor, Tensor>
{
    private readonly global::TorchSharp.Modules.Linear proj;
    private readonly int _nanFromCall;
    private int _calls;

    public NaNMixer(MixerOptions options, int nanFromCall)
        : base(nameof(NaNMixer))
    {
        proj = nn.Linear(options.ModelDim, options.ModelDim);
        _nanFromCall = nanFromCall;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        _calls++;
        var y = proj.forward(x);
        return _calls >= _nanFromCall ? y * double.NaN : y;
    }
}
