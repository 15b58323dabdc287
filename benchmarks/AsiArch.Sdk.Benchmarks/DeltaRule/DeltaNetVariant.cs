using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.DeltaRule;

/// <summary>
/// The DeltaNet / Gated DeltaNet baseline layers (same modules and forward as <c>DeltaNetMixer</c> and
/// <c>GatedDeltaNetMixer</c>) with stages that can be cut out, to see what the rest of the layer costs next to the op.
/// </summary>
internal sealed class DeltaNetVariant : nn.Module<Tensor, Tensor>
{
    private readonly Linear _inProj;
    private readonly ShortConvolution _conv;
    private readonly RmsNorm _norm;
    private readonly GatedRmsNorm _gatedNorm;
    private readonly Linear _out;
    private readonly Parameter _logA;
    private readonly Parameter _dtBias;
    private readonly bool _gated;
    private readonly DeltaNetStage _stage;
    private readonly int _dim;
    private readonly int _heads;
    private readonly int _chunkSize;
    private readonly double _scale;

    public DeltaNetVariant(MixerOptions options, bool gated, DeltaNetStage stage)
        : base(nameof(DeltaNetVariant))
    {
        (_gated, _stage, _dim, _heads, _chunkSize) = (gated, stage, options.ModelDim, options.NumHeads, options.ChunkSize);
        _scale = 1.0 / Math.Sqrt(options.HeadDim);
        _inProj = nn.Linear(options.ModelDim, gated ? (4 * options.ModelDim) + (2 * options.NumHeads) : (3 * options.ModelDim) + options.NumHeads, hasBias: false);
        _conv = new ShortConvolution(3 * options.ModelDim);
        _norm = new RmsNorm(options.HeadDim);
        _gatedNorm = new GatedRmsNorm(options.HeadDim);
        _out = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);
        _logA = nn.Parameter((rand(_heads) * 3.0 + 1.0).log());
        var dt = (rand(_heads) * (Math.Log(0.01) - Math.Log(0.001)) + Math.Log(0.001)).exp();
        _dtBias = nn.Parameter(dt + (-dt).expm1().neg().log());
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var projected = _inProj.forward(x);
        var raw = projected.narrow(-1, 0, 3 * _dim);
        var betaRaw = projected.narrow(-1, _gated ? 4 * _dim : 3 * _dim, _heads);
        var gateRaw = _gated ? projected.narrow(-1, 3 * _dim, _dim) : null;
        var decayRaw = _gated ? projected.narrow(-1, (4 * _dim) + _heads, _heads) : null;
        if (_stage == DeltaNetStage.ProjectionsOnly)
        {
            var summed = raw.narrow(-1, 0, _dim) + raw.narrow(-1, _dim, _dim) + raw.narrow(-1, 2 * _dim, _dim) + betaRaw.sum(-1, keepdim: true);
            if (_gated)
            {
                summed = summed + decayRaw!.sum(-1, keepdim: true) + gateRaw!;
            }

            return _out.forward(summed).MoveToOuterDisposeScope();
        }

        var qkv = _stage != DeltaNetStage.OpAndConvolutionsReplaced ? _conv.forward(raw) : raw;
        var q = Norms.L2Normalize(Heads.Split(qkv.narrow(-1, 0, _dim), _heads)) * _scale;
        var k = Norms.L2Normalize(Heads.Split(qkv.narrow(-1, _dim, _dim), _heads));
        var v = Heads.Split(qkv.narrow(-1, 2 * _dim, _dim), _heads);
        var beta = Heads.SplitScalar(betaRaw.sigmoid());
        var logDecay = _gated ? Heads.SplitScalar(nn.functional.softplus(decayRaw! + _dtBias) * _logA.exp().neg()) : null;
        Tensor o;
        if (_stage == DeltaNetStage.Full)
        {
            o = logDecay is null
                ? SequenceOps.ChunkedDeltaRule(q, k, v, beta, _chunkSize)
                : SequenceOps.ChunkedGatedDeltaRule(q, k, v, beta, logDecay, _chunkSize);
        }
        else
        {
            // Same inputs reach the rest of the layer, so its forward and backward are unchanged.
            o = (v * beta.unsqueeze(-1)) + (q * k);
            if (logDecay is not null)
            {
                o = o + logDecay.unsqueeze(-1);
            }
        }

        var normed = _gated ? _gatedNorm.forward(o, Heads.Split(gateRaw!, _heads)) : _norm.forward(o);
        return _out.forward(Heads.Merge(normed)).MoveToOuterDisposeScope();
    }
}
