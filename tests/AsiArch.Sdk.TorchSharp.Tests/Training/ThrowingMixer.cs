using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Training;

/// <summary>A mixer that adds mismatched shapes in its forward pass (a typical bug in generated code).</summary>
public sealed class ThrowingMixer : nn.Module<Tensor, Tensor>
{
    private readonly global::TorchSharp.Modules.Linear proj;

    public ThrowingMixer(MixerOptions options)
        : base(nameof(ThrowingMixer))
    {
        proj = nn.Linear(options.ModelDim, options.ModelDim + 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = proj.forward(x);
        return x + y;
    }
}
