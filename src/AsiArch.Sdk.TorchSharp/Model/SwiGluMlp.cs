using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Model;

/// <summary>The channel mixer of a backbone block: <c>down(silu(gate(x)) * up(x))</c>, no biases.</summary>
public sealed class SwiGluMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear gateUp;
    private readonly Linear down;
    private readonly long _hidden;

    /// <summary>Creates the MLP for width <paramref name="modelDim"/> with <paramref name="hiddenDim"/> hidden units.</summary>
    public SwiGluMlp(int modelDim, int hiddenDim)
        : base(nameof(SwiGluMlp))
    {
        _hidden = hiddenDim;
        gateUp = nn.Linear(modelDim, 2L * hiddenDim, hasBias: false);
        down = nn.Linear(hiddenDim, modelDim, hasBias: false);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var both = gateUp.forward(x);
        var gate = both.narrow(-1, 0, _hidden);
        var up = both.narrow(-1, _hidden, _hidden);
        return down.forward(nn.functional.silu(gate) * up).MoveToOuterDisposeScope();
    }
}
