using System;
using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Baselines;

/// <summary>
/// RetNet retention baseline (Sun et al. 2023): linear attention with a fixed multi-scale decay per head
/// (γ_h = 1 - 2^(-5-h)), per-head RMS normalisation and a SiLU output gate (opened at initialisation by the gate bias of
/// <see cref="GatedRmsNorm"/>). Position comes from the decay and the backbone's short convolution.
/// </summary>
public sealed class RetNetMixer : nn.Module<Tensor, Tensor>
{
    private readonly Linear _qkv;
    private readonly Linear _gate;
    private readonly Linear _out;
    private readonly GatedRmsNorm _norm;
    private readonly int _heads;
    private readonly int _chunkSize;
    private readonly double _scale;

    /// <summary>Creates the layer.</summary>
    /// <param name="options">Model width, head count and chunk size.</param>
    public RetNetMixer(MixerOptions options)
        : base(nameof(RetNetMixer))
    {
        _heads = options.NumHeads;
        _chunkSize = options.ChunkSize;
        _scale = 1.0 / Math.Sqrt(options.HeadDim);
        _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim, hasBias: false);
        _gate = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);
        _out = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);
        _norm = new GatedRmsNorm(options.HeadDim);
        RegisterComponents();
    }

    /// <summary>Mixes the sequence.</summary>
    /// <param name="x"><c>[B, T, D]</c>.</param>
    /// <returns><c>[B, T, D]</c>.</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var parts = _qkv.forward(x).chunk(3, -1);
        var q = Heads.Split(parts[0], _heads) * _scale;
        var k = Heads.Split(parts[1], _heads);
        var v = Heads.Split(parts[2], _heads);
        var logDecay = Decays.Expand(Decays.RetNetLogDecay(_heads).to(x.device).to_type(x.dtype), x.shape[0], x.shape[1]);
        var o = SequenceOps.ChunkedLinearAttention(q, k, v, logDecay, _chunkSize);
        var gated = _norm.forward(o, Heads.Split(_gate.forward(x), _heads));
        return _out.forward(Heads.Merge(gated)).MoveToOuterDisposeScope();
    }
}
