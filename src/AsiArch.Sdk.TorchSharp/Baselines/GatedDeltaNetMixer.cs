using System;
using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Baselines;

/// <summary>
/// Gated DeltaNet baseline (Yang et al. 2025): DeltaNet plus a Mamba2-style data-dependent decay per head,
/// g_t = -exp(A_log)·softplus(W_a x + dt_bias), so S_t = exp(g_t)(I - β_t k_t k_tᵀ) S_{t-1} + β_t k_t v_tᵀ, and a
/// SiLU-gated RMS output norm. The decay starts slow, A in [1, 4] and Δ in [0.001, 0.01] (per-token decay 0.96-0.999),
/// instead of the long-context preset A in [1, 16], Δ in [0.001, 0.1], where some heads forget within a token: at
/// small training budgets the decay parameters barely move from their initial values.
/// </summary>
public sealed class GatedDeltaNetMixer : nn.Module<Tensor, Tensor>
{
    private const double MaxA = 4.0;
    private const double MinDt = 0.001;
    private const double MaxDt = 0.01;
    private readonly Linear _qkv;
    private readonly Linear _beta;
    private readonly Linear _decay;
    private readonly Linear _outputGate;
    private readonly ShortConvolution _qConv;
    private readonly ShortConvolution _kConv;
    private readonly ShortConvolution _vConv;
    private readonly GatedRmsNorm _norm;
    private readonly Linear _out;
    private readonly Parameter _logA;
    private readonly Parameter _dtBias;
    private readonly int _heads;
    private readonly int _chunkSize;
    private readonly double _scale;

    /// <summary>Creates the layer.</summary>
    /// <param name="options">Model width, head count and chunk size.</param>
    public GatedDeltaNetMixer(MixerOptions options)
        : base(nameof(GatedDeltaNetMixer))
    {
        _heads = options.NumHeads;
        _chunkSize = options.ChunkSize;
        _scale = 1.0 / Math.Sqrt(options.HeadDim);
        _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim, hasBias: false);
        _beta = nn.Linear(options.ModelDim, options.NumHeads, hasBias: false);
        _decay = nn.Linear(options.ModelDim, options.NumHeads, hasBias: false);
        _outputGate = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);
        _qConv = new ShortConvolution(options.ModelDim);
        _kConv = new ShortConvolution(options.ModelDim);
        _vConv = new ShortConvolution(options.ModelDim);
        _norm = new GatedRmsNorm(options.HeadDim);
        _out = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);

        // Gated DeltaNet's parameterisation with a slower start: A in [1, 4], Δ log-uniform in [0.001, 0.01] through an
        // inverse-softplus bias.
        _logA = nn.Parameter((rand(_heads) * (MaxA - 1.0) + 1.0).log());
        var dt = (rand(_heads) * (Math.Log(MaxDt) - Math.Log(MinDt)) + Math.Log(MinDt)).exp();
        _dtBias = nn.Parameter(dt + (-dt).expm1().neg().log());
        RegisterComponents();
    }

    /// <summary>Mixes the sequence.</summary>
    /// <param name="x"><c>[B, T, D]</c>.</param>
    /// <returns><c>[B, T, D]</c>.</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var parts = _qkv.forward(x).chunk(3, -1);
        var q = Norms.L2Normalize(Heads.Split(_qConv.forward(parts[0]), _heads), scale: _scale);
        var k = Norms.L2Normalize(Heads.Split(_kConv.forward(parts[1]), _heads));
        var v = Heads.Split(_vConv.forward(parts[2]), _heads);
        var beta = Heads.SplitScalar(_beta.forward(x).sigmoid());
        var logDecay = Heads.SplitScalar(nn.functional.softplus(_decay.forward(x) + _dtBias) * _logA.exp().neg());
        var o = SequenceOps.ChunkedGatedDeltaRule(q, k, v, beta, logDecay, _chunkSize);
        var gated = _norm.forward(o, Heads.Split(_outputGate.forward(x), _heads));
        return _out.forward(Heads.Merge(gated)).MoveToOuterDisposeScope();
    }
}
