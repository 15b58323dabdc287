using System;
using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Baselines;

/// <summary>
/// DeltaNet baseline (Schlag et al. 2021; Yang et al. 2024), ASI-ARCH's seed architecture: short causal convolutions
/// with SiLU on q, k and v, L2-normalised queries and keys, write strength β = sigmoid(W_β x) per head, the chunkwise
/// delta rule, and per-head RMS normalisation of the output.
/// </summary>
public sealed class DeltaNetMixer : nn.Module<Tensor, Tensor>
{
    private readonly Linear _qkv;
    private readonly Linear _beta;
    private readonly ShortConvolution _qConv;
    private readonly ShortConvolution _kConv;
    private readonly ShortConvolution _vConv;
    private readonly RmsNorm _norm;
    private readonly Linear _out;
    private readonly int _heads;
    private readonly int _chunkSize;
    private readonly double _scale;

    /// <summary>Creates the layer.</summary>
    /// <param name="options">Model width, head count and chunk size.</param>
    public DeltaNetMixer(MixerOptions options)
        : base(nameof(DeltaNetMixer))
    {
        _heads = options.NumHeads;
        _chunkSize = options.ChunkSize;
        _scale = 1.0 / Math.Sqrt(options.HeadDim);
        _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim, hasBias: false);
        _beta = nn.Linear(options.ModelDim, options.NumHeads, hasBias: false);
        _qConv = new ShortConvolution(options.ModelDim);
        _kConv = new ShortConvolution(options.ModelDim);
        _vConv = new ShortConvolution(options.ModelDim);
        _norm = new RmsNorm(options.HeadDim);
        _out = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);
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
        var o = SequenceOps.ChunkedDeltaRule(q, k, v, beta, _chunkSize);
        return _out.forward(Heads.Merge(_norm.forward(o))).MoveToOuterDisposeScope();
    }
}
