using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>RMS normalisation followed by a SiLU output gate, as in Mamba2 and Gated DeltaNet:
/// rmsnorm(x) · weight · silu(gate). <c>x, gate: [..., dim]</c> → <c>[..., dim]</c>.</summary>
public sealed class GatedRmsNorm : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    /// <summary>Creates the norm with weight initialised to one.</summary>
    /// <param name="dim">Width of the last dimension.</param>
    /// <param name="eps">Added to the mean square.</param>
    public GatedRmsNorm(int dim, double eps = 1e-5)
        : base(nameof(GatedRmsNorm))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        _eps = eps;
        weight = nn.Parameter(ones(dim));
        RegisterComponents();
    }

    /// <summary>Normalises <paramref name="x"/> and gates it.</summary>
    /// <param name="x">Values <c>[..., dim]</c>.</param>
    /// <param name="gate">Gate pre-activations, same shape.</param>
    public override Tensor forward(Tensor x, Tensor gate)
    {
        using var scope = NewDisposeScope();
        var normed = x * (x.square().mean([-1], keepdim: true) + _eps).rsqrt() * weight;
        return (normed * nn.functional.silu(gate)).MoveToOuterDisposeScope();
    }
}
