using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Blocks;
using AsiArch.Sdk.TorchSharp.Probes;
using TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.IntegrationTests.Engineering;

/// <summary>
/// The complexity probe on trusted mixers (run in-process): no false alarm in 20 repeated runs of a linear-time one;
/// quadratic attention flagged, the library's Transformer baseline included.
/// </summary>
[Collection("torch")]
public sealed class ComplexityProbeRepeatTests
{
    [Fact]
    public void MeasureComplexityExponent_LinearAttentionMixer_NoFalseAlarmInTwentyRuns()
    {
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cpu, Threads = 1 });
        var settings = new ProbeSettings();
        using var mixer = new TrustedLinearAttention(new MixerOptions { ModelDim = 64, NumHeads = 4, ChunkSize = 32 });

        var exponents = Enumerable.Range(0, 20).Select(seed => MixerProbes.MeasureComplexityExponent(mixer, 64, seed, settings)).ToList();

        Assert.All(exponents, e => Assert.True(e <= settings.ComplexityThreshold, $"false alarm: exponents {string.Join(", ", exponents.Select(x => x.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}"));
    }

    [Fact]
    public void MeasureComplexityExponent_QuadraticAttention_IsFlagged()
    {
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cpu, Threads = 1 });
        var settings = new ProbeSettings();
        using var mixer = new TrustedSoftmaxAttention(new MixerOptions { ModelDim = 64, NumHeads = 4 });

        var exponent = MixerProbes.MeasureComplexityExponent(mixer, 64, 1, settings);

        Assert.True(exponent > settings.ComplexityThreshold, $"exponent {exponent}");
    }

    [Fact]
    public void MeasureComplexityExponent_TransformerBaselineAtExploreWidth_IsFlaggedAndTheJobsThreadsAreRestored()
    {
        // Session 4's probe (the job's two threads, 512-4096) fitted this baseline at 1.12-1.50 and let it pass.
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cpu, Threads = 1 });
        var profile = TrainingProfiles.Explore;
        var settings = new ProbeSettings();
        using var mixer = AsiArch.Sdk.TorchSharp.Baselines.BaselineCatalog.Get("Transformer").Factory(
            new MixerOptions { ModelDim = profile.ModelDim, NumHeads = profile.NumHeads, ChunkSize = profile.ChunkSize, NumLayers = profile.NumLayers });
        torch.set_num_threads(2);
        try
        {
            var exponent = MixerProbes.MeasureComplexityExponent(mixer, profile.ModelDim, 1, settings);

            Assert.True(exponent > settings.ComplexityThreshold, $"exponent {exponent}");
            Assert.Equal(2, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(1);
        }
    }

    private sealed class TrustedLinearAttention : nn.Module<Tensor, Tensor>
    {
        private readonly global::TorchSharp.Modules.Linear _qkv;
        private readonly global::TorchSharp.Modules.Linear _out;
        private readonly int _heads;
        private readonly int _chunk;

        public TrustedLinearAttention(MixerOptions options)
            : base(nameof(TrustedLinearAttention))
        {
            _heads = options.NumHeads;
            _chunk = options.ChunkSize;
            _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim);
            _out = nn.Linear(options.ModelDim, options.ModelDim);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var parts = _qkv.forward(input).chunk(3, -1);
            var q = Heads.Split(nn.functional.elu(parts[0], 1.0) + 1.0, _heads);
            var k = Heads.Split(nn.functional.elu(parts[1], 1.0) + 1.0, _heads);
            var v = Heads.Split(parts[2], _heads);
            return _out.forward(Heads.Merge(SequenceOps.ChunkedLinearAttention(q, k, v, null, _chunk)));
        }
    }

    private sealed class TrustedSoftmaxAttention : nn.Module<Tensor, Tensor>
    {
        private readonly global::TorchSharp.Modules.Linear _qkv;
        private readonly int _heads;

        public TrustedSoftmaxAttention(MixerOptions options)
            : base(nameof(TrustedSoftmaxAttention))
        {
            _heads = options.NumHeads;
            _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var parts = _qkv.forward(input).chunk(3, -1);
            var o = SequenceOps.CausalSoftmaxAttention(Heads.Split(parts[0], _heads), Heads.Split(parts[1], _heads), Heads.Split(parts[2], _heads));
            return Heads.Merge(o);
        }
    }
}
