using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.Training;

/// <summary>
/// Wraps a <c>SoftmaxAttentionMixer</c> and records, on each forward pass, the statistics of its input and of the
/// attention it computes (q and k from its <c>_qkv</c> weight applied to the RMS-normalised input, before RoPE, which does not
/// change their norms).
/// </summary>
internal sealed class ProbeMixer : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> inner;
    private readonly int _heads;

    public ProbeMixer(nn.Module<Tensor, Tensor> inner, int heads)
        : base(nameof(ProbeMixer))
    {
        this.inner = inner;
        _heads = heads;
        RegisterComponents();
    }

    /// <summary>The statistics of the last forward pass.</summary>
    public AttentionStats Stats { get; private set; }

    /// <summary>Multiplies the query and key rows of the wrapped layer's <c>_qkv</c> weight by <paramref name="factor"/> (an init-scale experiment).</summary>
    public void ScaleQueryKeyInit(double factor)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var weight = QkvWeight();
        weight.narrow(0, 0, 2 * (weight.shape[0] / 3)).mul_(factor);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var weight = QkvWeight();
        // As the layer computes them: from the RMS-normalised input.
        var normalised = x * (x.square().mean([-1], keepdim: true) + 1e-5).rsqrt();
        var parts = nn.functional.linear(normalised, weight).chunk(3, -1);
        var q = Heads.Split(parts[0], _heads);
        var k = Heads.Split(parts[1], _heads);
        var length = x.shape[1];
        var logits = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(q.shape[3]);
        var visible = ones(length, length).tril().to_type(ScalarType.Bool);
        var logitStd = logits.masked_select(visible.expand_as(logits)).std().item<float>();
        var maxLogit = logits.masked_select(visible.expand_as(logits)).max().item<float>();
        var p = logits.masked_fill(visible.logical_not(), double.NegativeInfinity).softmax(-1);
        var entropy = -(p * p.clamp_min(1e-30).log()).sum(-1);

        // Rows from t = 1 on: row 0 sees one key and has entropy 0 whatever the logits.
        var lnVisible = arange(2, length + 1, dtype: ScalarType.Float32).log();
        var relative = (entropy.narrow(-1, 1, length - 1) / lnVisible).mean().item<float>();
        Stats = new AttentionStats(
            x.square().mean().sqrt().item<float>(),
            q.square().mean().sqrt().item<float>(),
            k.square().mean().sqrt().item<float>(),
            logitStd,
            maxLogit,
            relative);
        return inner.forward(x).MoveToOuterDisposeScope();
    }

    private Tensor QkvWeight() => inner.named_parameters().First(p => p.name.EndsWith("_qkv.weight", StringComparison.Ordinal)).parameter;
}
