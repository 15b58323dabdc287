using System;
using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Baselines;

/// <summary>
/// Mamba2-style selective state-space baseline (Dao and Gu 2024, SSD form): per head a scalar data-dependent decay
/// exp(Δ_t·A) with Δ_t = softplus(dt_t + bias) and A = -exp(A_log); input-dependent B_t, C_t shared across heads
/// (one group); h_t = exp(Δ_t A) h_{t-1} + B_t (Δ_t x_t)ᵀ, y_t = C_tᵀ h_t + D·x_t. A causal short convolution runs
/// over x, B and C; the output is RMS-normalised and gated by SiLU(z).
/// </summary>
public sealed class Mamba2Mixer : nn.Module<Tensor, Tensor>
{
    private readonly Linear _inProj;
    private readonly ShortConvolution _conv;
    private readonly Linear _out;
    private readonly GatedRmsNorm _norm;
    private readonly Parameter _logA;
    private readonly Parameter _dtBias;
    private readonly Parameter _skip;
    private readonly int _heads;
    private readonly int _modelDim;
    private readonly int _stateDim;
    private readonly int _chunkSize;

    /// <summary>Creates the layer.</summary>
    /// <param name="options">Model width, head count and chunk size; the state width equals the head width.</param>
    public Mamba2Mixer(MixerOptions options)
        : base(nameof(Mamba2Mixer))
    {
        _heads = options.NumHeads;
        _modelDim = options.ModelDim;
        _stateDim = options.HeadDim;
        _chunkSize = options.ChunkSize;
        var convChannels = _modelDim + (2 * _stateDim);

        // in_proj -> [z (D), x (D), B (N), C (N), dt (H)].
        _inProj = nn.Linear(_modelDim, _modelDim + convChannels + _heads, hasBias: false);
        _conv = new ShortConvolution(convChannels, kernelSize: 4, activation: true);
        _out = nn.Linear(_modelDim, _modelDim, hasBias: false);
        _norm = new GatedRmsNorm(_modelDim);

        // Mamba2 initialisation: A in [1, 16], Δ log-uniform in [0.001, 0.1] through an inverse-softplus bias.
        _logA = nn.Parameter((rand(_heads) * 15.0 + 1.0).log());
        var dt = (rand(_heads) * (Math.Log(0.1) - Math.Log(0.001)) + Math.Log(0.001)).exp();
        _dtBias = nn.Parameter(dt + (-dt).expm1().neg().log());
        _skip = nn.Parameter(ones(_heads));
        RegisterComponents();
    }

    /// <summary>Mixes the sequence.</summary>
    /// <param name="x"><c>[B, T, D]</c>.</param>
    /// <returns><c>[B, T, D]</c>.</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (batch, length) = (x.shape[0], x.shape[1]);
        var projected = _inProj.forward(x);
        var z = projected.narrow(-1, 0, _modelDim);
        var xbc = _conv.forward(projected.narrow(-1, _modelDim, _modelDim + (2 * _stateDim)));
        var dtRaw = projected.narrow(-1, (2 * _modelDim) + (2 * _stateDim), _heads);

        var values = Heads.Split(xbc.narrow(-1, 0, _modelDim), _heads);
        var inputMatrix = xbc.narrow(-1, _modelDim, _stateDim).unsqueeze(1).expand(batch, _heads, length, _stateDim);
        var outputMatrix = xbc.narrow(-1, _modelDim + _stateDim, _stateDim).unsqueeze(1).expand(batch, _heads, length, _stateDim);

        var delta = Heads.SplitScalar(nn.functional.softplus(dtRaw + _dtBias));
        var logDecay = delta * _logA.exp().neg().view(1, _heads, 1);
        var y = SequenceOps.ChunkedLinearAttention(outputMatrix, inputMatrix, values * delta.unsqueeze(-1), logDecay, _chunkSize);
        y = y + (values * _skip.view(1, _heads, 1, 1));
        return _out.forward(_norm.forward(Heads.Merge(y), z)).MoveToOuterDisposeScope();
    }
}
