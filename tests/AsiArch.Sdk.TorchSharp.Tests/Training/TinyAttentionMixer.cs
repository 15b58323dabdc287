using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Training;

/// <summary>A small causal softmax-attention mixer written in the test project (independent of the library's baselines).</summary>
public sealed class TinyAttentionMixer : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear output;
    private readonly int _heads;

    public TinyAttentionMixer(MixerOptions options)
        : base(nameof(TinyAttentionMixer))
    {
        _heads = options.NumHeads;
        qkv = nn.Linear(options.ModelDim, 3L * options.ModelDim, hasBias: false);
        output = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (b, t, d) = (x.shape[0], x.shape[1], x.shape[2]);
        var parts = qkv.forward(x).view(b, t, 3, _heads, d / _heads).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (parts[0], parts[1], parts[2]);
        var scores = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(d / _heads);
        var future = ones(t, t, dtype: ScalarType.Bool, device: x.device).triu(1);
        var weights = nn.functional.softmax(scores.masked_fill(future, double.NegativeInfinity), -1);
        var mixed = weights.matmul(v).transpose(1, 2).reshape(b, t, d);
        return output.forward(mixed).MoveToOuterDisposeScope();
    }
}
