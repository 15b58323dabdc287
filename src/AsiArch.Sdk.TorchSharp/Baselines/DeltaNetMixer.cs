using System;
using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Baselines;

/// <summary>
/// DeltaNet baseline (Schlag et al. 2021; Yang et al. 2024), ASI-ARCH's seed architecture: short causal convolutions
/// with SiLU on q, k and v, L2-normalised queries and keys, write strength β = sigmoid(W_β x) per head, the chunkwise
/// delta rule, and per-head RMS normalisation of the output. One input projection produces q | k | v | β and one
/// depthwise convolution covers the q | k | v channels (each channel has its own taps, so this is the same as three
/// separate convolutions, in fewer and larger ops).
/// </summary>
public sealed class DeltaNetMixer : nn.Module<Tensor, Tensor>
{
    private readonly Linear _inProj;
    private readonly ShortConvolution _conv;
    private readonly RmsNorm _norm;
    private readonly Linear _out;
    private readonly int _modelDim;
    private readonly int _heads;
    private readonly int _chunkSize;
    private readonly double _scale;

    /// <summary>Creates the layer.</summary>
    /// <param name="options">Model width, head count and chunk size.</param>
    public DeltaNetMixer(MixerOptions options)
        : base(nameof(DeltaNetMixer))
    {
        _modelDim = options.ModelDim;
        _heads = options.NumHeads;
        _chunkSize = options.ChunkSize;
        _scale = 1.0 / Math.Sqrt(options.HeadDim);
        _inProj = nn.Linear(options.ModelDim, (3 * options.ModelDim) + options.NumHeads, hasBias: false);
        _conv = new ShortConvolution(3 * options.ModelDim);
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
        var projected = _inProj.forward(x);
        var qkv = _conv.forward(projected.narrow(-1, 0, 3 * _modelDim));
        var q = Norms.L2Normalize(Heads.Split(qkv.narrow(-1, 0, _modelDim), _heads)) * _scale;
        var k = Norms.L2Normalize(Heads.Split(qkv.narrow(-1, _modelDim, _modelDim), _heads));
        var v = Heads.Split(qkv.narrow(-1, 2 * _modelDim, _modelDim), _heads);
        var beta = Heads.SplitScalar(projected.narrow(-1, 3 * _modelDim, _heads).sigmoid());
        var o = SequenceOps.ChunkedDeltaRule(q, k, v, beta, _chunkSize);
        return _out.forward(Heads.Merge(_norm.forward(o))).MoveToOuterDisposeScope();
    }
}
