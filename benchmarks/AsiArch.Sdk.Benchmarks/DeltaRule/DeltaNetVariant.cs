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
    private readonly Linear _qkv;
    private readonly Linear _beta;
    private readonly Linear _decay;
    private readonly Linear _outputGate;
    private readonly ShortConvolution _qConv;
    private readonly ShortConvolution _kConv;
    private readonly ShortConvolution _vConv;
    private readonly RmsNorm _norm;
    private readonly GatedRmsNorm _gatedNorm;
    private readonly Linear _out;
    private readonly Parameter _logA;
    private readonly Parameter _dtBias;
    private readonly bool _gated;
    private readonly DeltaNetStage _stage;
    private readonly int _heads;
    private readonly int _chunkSize;
    private readonly double _scale;

    public DeltaNetVariant(MixerOptions options, bool gated, DeltaNetStage stage)
        : base(nameof(DeltaNetVariant))
    {
        (_gated, _stage, _heads, _chunkSize) = (gated, stage, options.NumHeads, options.ChunkSize);
        _scale = 1.0 / Math.Sqrt(options.HeadDim);
        _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim, hasBias: false);
        _beta = nn.Linear(options.ModelDim, options.NumHeads, hasBias: false);
        _decay = nn.Linear(options.ModelDim, options.NumHeads, hasBias: false);
        _outputGate = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);
        _qConv = new ShortConvolution(options.ModelDim);
        _kConv = new ShortConvolution(options.ModelDim);
        _vConv = new ShortConvolution(options.ModelDim);
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
        var parts = _qkv.forward(x).chunk(3, -1);
        var betaRaw = _beta.forward(x);
        var decayRaw = _gated ? _decay.forward(x) : null;
        var gateRaw = _gated ? _outputGate.forward(x) : null;
        if (_stage == DeltaNetStage.ProjectionsOnly)
        {
            var summed = parts[0] + parts[1] + parts[2] + betaRaw.sum(-1, keepdim: true);
            if (_gated)
            {
                summed = summed + decayRaw!.sum(-1, keepdim: true) + gateRaw!;
            }

            return _out.forward(summed).MoveToOuterDisposeScope();
        }

        var convolve = _stage != DeltaNetStage.OpAndConvolutionsReplaced;
        var q = Norms.L2Normalize(Heads.Split(convolve ? _qConv.forward(parts[0]) : parts[0], _heads), scale: _scale);
        var k = Norms.L2Normalize(Heads.Split(convolve ? _kConv.forward(parts[1]) : parts[1], _heads));
        var v = Heads.Split(convolve ? _vConv.forward(parts[2]) : parts[2], _heads);
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
