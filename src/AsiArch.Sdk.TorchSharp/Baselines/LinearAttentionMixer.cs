using System;
using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Baselines;

/// <summary>
/// Linear attention baseline (Katharopoulos et al. 2020): φ = elu + 1 on queries and keys, no decay, normalised by
/// φ(q_t)·Σ_{s≤t} φ(k_s). The denominator rides along as an extra value column of one chunked call.
/// </summary>
/// <remarks>
/// The projections read the input RMS-normalised (no learned gain: the projection absorbs it), as in a standard
/// pre-norm layer; in this backbone the short convolution and its SiLU hand the mixer about 0.3 RMS. φ = elu + 1 is
/// not scale-invariant: on such small q and k it is about 1 + x and the layer starts as a near-uniform average
/// (the same reason as <see cref="SoftmaxAttentionMixer"/>).
/// </remarks>
public sealed class LinearAttentionMixer : nn.Module<Tensor, Tensor>
{
    private readonly Linear _qkv;
    private readonly Linear _out;
    private readonly int _heads;
    private readonly int _chunkSize;

    /// <summary>Creates the layer.</summary>
    /// <param name="options">Model width, head count and chunk size.</param>
    public LinearAttentionMixer(MixerOptions options)
        : base(nameof(LinearAttentionMixer))
    {
        _heads = options.NumHeads;
        _chunkSize = options.ChunkSize;
        _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim, hasBias: false);
        _out = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);
        RegisterComponents();
    }

    /// <summary>Mixes the sequence.</summary>
    /// <param name="x"><c>[B, T, D]</c>.</param>
    /// <returns><c>[B, T, D]</c>.</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var input = Norms.RmsNormalize(x);
        var parts = _qkv.forward(input).chunk(3, -1);
        var q = FeatureMaps.Apply(FeatureMap.EluPlusOne, Heads.Split(parts[0], _heads));
        var k = FeatureMaps.Apply(FeatureMap.EluPlusOne, Heads.Split(parts[1], _heads));
        var v = Heads.Split(parts[2], _heads);
        var valueDim = v.shape[3];
        var withOnes = cat([v, ones_like(v.narrow(-1, 0, 1))], -1);
        var o = SequenceOps.ChunkedLinearAttention(q, k, withOnes, null, _chunkSize);
        var normalised = o.narrow(-1, 0, valueDim) / (o.narrow(-1, valueDim, 1) + 1e-6);
        return _out.forward(Heads.Merge(normalised)).MoveToOuterDisposeScope();
    }
}
