using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Model;

/// <summary>A mixer that breaks the contract by returning half the model width.</summary>
public sealed class WrongShapeMixer : nn.Module<Tensor, Tensor>
{
    private readonly global::TorchSharp.Modules.Linear proj;

    public WrongShapeMixer(MixerOptions options)
        : base(nameof(WrongShapeMixer))
    {
        proj = nn.Linear(options.ModelDim, options.ModelDim / 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => proj.forward(x);
}
