using System;
using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Baselines;

/// <summary>
/// Transformer baseline: multi-head causal softmax attention with rotary position embeddings (RoPE) on queries and
/// keys. Quadratic in T; the strongest recall baseline.
/// </summary>
/// <remarks>
/// The projections read the input RMS-normalised (no learned gain: the projection absorbs it). A standard pre-norm
/// Transformer layer reads a unit-RMS input; in this backbone the short convolution and its SiLU sit between the norm
/// and the mixer and hand it about 0.3 RMS, which made the initial attention logits ten times smaller than usual
/// (std 0.03) and the attention exactly uniform. Uniform attention is a saddle the q/k gradients (each proportional to
/// the other) leave slowly, so at the Explore budget the layer often never learned recall.
/// </remarks>
public sealed class SoftmaxAttentionMixer : nn.Module<Tensor, Tensor>
{
    private readonly Linear _qkv;
    private readonly Linear _out;
    private readonly int _heads;
    private readonly int _headDim;

    /// <summary>Creates the layer.</summary>
    /// <param name="options">Model width and head count (head width must be even for RoPE).</param>
    public SoftmaxAttentionMixer(MixerOptions options)
        : base(nameof(SoftmaxAttentionMixer))
    {
        _heads = options.NumHeads;
        _headDim = options.HeadDim;
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
        var normalised = Norms.RmsNormalize(x);
        var parts = _qkv.forward(normalised).chunk(3, -1);
        var length = x.shape[1];
        var q = Rotate(Heads.Split(parts[0], _heads), length);
        var k = Rotate(Heads.Split(parts[1], _heads), length);
        var v = Heads.Split(parts[2], _heads);
        var o = SequenceOps.CausalSoftmaxAttention(q, k, v);
        return _out.forward(Heads.Merge(o)).MoveToOuterDisposeScope();
    }

    // RoPE: rotate feature pairs (i, i + d/2) by position-dependent angles t / 10000^(2i/d).
    private Tensor Rotate(Tensor x, long length)
    {
        var half = _headDim / 2;
        var frequencies = exp(arange(half, dtype: ScalarType.Float32, device: x.device) * (-Math.Log(10000.0) / half));
        var angles = arange(length, dtype: ScalarType.Float32, device: x.device).unsqueeze(1) * frequencies.unsqueeze(0);
        var cos = angles.cos().to_type(x.dtype);
        var sin = angles.sin().to_type(x.dtype);
        var first = x.narrow(-1, 0, half);
        var second = x.narrow(-1, half, half);
        return cat([(first * cos) - (second * sin), (first * sin) + (second * cos)], -1);
    }
}
