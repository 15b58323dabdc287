using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>Root-mean-square normalisation with a learned scale over the last dimension:
/// x / sqrt(mean(x²) + eps) · weight. <c>[..., dim]</c> → <c>[..., dim]</c>.</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    /// <summary>Creates the norm with weight initialised to one.</summary>
    /// <param name="dim">Width of the last dimension.</param>
    /// <param name="eps">Added to the mean square.</param>
    public RmsNorm(int dim, double eps = 1e-5)
        : base(nameof(RmsNorm))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        _eps = eps;
        weight = nn.Parameter(ones(dim));
        RegisterComponents();
    }

    /// <summary>Normalises <paramref name="x"/>.</summary>
    /// <param name="x"><c>[..., dim]</c>.</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return (Norms.RmsNormalize(x, _eps) * weight).MoveToOuterDisposeScope();
    }
}
