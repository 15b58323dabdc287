using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>RMS normalisation followed by a SiLU output gate, as in RetNet, GLA, Mamba2 and Gated DeltaNet:
/// rmsnorm(x) · weight · silu(gate + gateBias). <c>x, gate: [..., dim]</c> → <c>[..., dim]</c>.</summary>
/// <remarks>
/// The learned per-channel <c>gateBias</c> starts at +1 so the gate starts open: silu(1) ≈ 0.73 with slope ≈ 0.93.
/// Without it a gate pre-activation near zero (a fresh projection of a small input) gives silu(g) ≈ g/2, a near-zero
/// factor whose sign flips with the current token, which scrambles the recalled value; at small training budgets the
/// gated baselines then never learned recall (MQAR, selective copy at chance; docs/benchmarks.md).
/// </remarks>
public sealed class GatedRmsNorm : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>The initial gate bias: silu(1) ≈ 0.73 passes the normalised value through at initialisation.</summary>
    public const double DefaultGateBias = 1.0;

    private readonly Parameter weight;
    private readonly Parameter gateBias;
    private readonly double _eps;

    /// <summary>Creates the norm with weight initialised to one and the gate bias to <paramref name="initialGateBias"/>.</summary>
    /// <param name="dim">Width of the last dimension.</param>
    /// <param name="eps">Added to the mean square.</param>
    /// <param name="initialGateBias">Initial value of the learned gate bias; 0 gives the plain silu(gate) gate.</param>
    public GatedRmsNorm(int dim, double eps = 1e-5, double initialGateBias = DefaultGateBias)
        : base(nameof(GatedRmsNorm))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        if (!double.IsFinite(initialGateBias))
        {
            throw new ArgumentOutOfRangeException(nameof(initialGateBias), initialGateBias, "The initial gate bias must be finite.");
        }

        _eps = eps;
        weight = nn.Parameter(ones(dim));
        gateBias = nn.Parameter(full(dim, initialGateBias));
        RegisterComponents();
    }

    /// <summary>Normalises <paramref name="x"/> and gates it.</summary>
    /// <param name="x">Values <c>[..., dim]</c>.</param>
    /// <param name="gate">Gate pre-activations, same shape.</param>
    public override Tensor forward(Tensor x, Tensor gate)
    {
        using var scope = NewDisposeScope();
        var normed = Norms.RmsNormalize(x, _eps) * weight;
        return (normed * nn.functional.silu(gate + gateBias)).MoveToOuterDisposeScope();
    }
}
