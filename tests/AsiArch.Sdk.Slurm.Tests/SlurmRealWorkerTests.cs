using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Engineering.Compilation;
using AsiArch.Sdk.Slurm.Tests.Cluster;

namespace AsiArch.Sdk.Slurm.Tests;

[Collection("torch")]
public sealed class SlurmRealWorkerTests
{
    private const string Source = """
        using System;
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;

        public sealed class RunningMeanMixer : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _in;
            private readonly TorchSharp.Modules.Linear _out;

            public RunningMeanMixer(MixerOptions options) : base(nameof(RunningMeanMixer))
            {
                _in = nn.Linear(options.ModelDim, options.ModelDim);
                _out = nn.Linear(options.ModelDim, options.ModelDim);
                RegisterComponents();
            }

            public override Tensor forward(Tensor x)
            {
                var h = nn.functional.silu(_in.forward(x));
                var t = x.shape[1];
                var counts = torch.arange(1, t + 1, dtype: x.dtype).view(1, t, 1);
                return _out.forward(h.cumsum(1) / counts);
            }
        }
        """;

    [SlurmFact]
    public async Task TrainAsync_RealWorkerOnSmokeCandidate_TrainsThroughSlurm()
    {
        await TestCluster.EnsureStartedAsync();
        var build = new ArtifactBuilder(new CandidateCompiler()).Build(new CandidateSource(Source));
        Assert.True(build.Succeeded, build.Failure?.ToString());
        var profile = TrainingProfiles.Smoke with
        {
            Steps = 20,
            WarmupSteps = 2,
            EvalBatches = 1,
            Benchmarks =
            [
                new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "4", ["vocab"] = "16" }),
                new BenchmarkSpec("lm", 0.0) { Steps = 10 },
            ],
        };
        var options = new SlurmOptions
        {
            SharedDirectory = TestCluster.NewSharedDirectory(),
            PollInterval = TimeSpan.FromMilliseconds(500),
            MemoryMegabytes = 3072,
            CpusPerTask = 1,
            Threads = 1,
            TimeLimit = TimeSpan.FromMinutes(5),
        };
        await using var trainer = new SlurmTrainer(options);
        var progress = new List<TrainingProgress>();

        var result = await trainer.TrainAsync(
            new TrainingRequest { Candidate = build.Artifact!, Profile = profile, Seed = 5, Device = ComputeDevice.Cpu, RunName = "slurm-smoke" },
            new SyncProgress(progress.Add));

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(["mqar", "lm"], result.Tasks.Select(t => t.Task));
        Assert.All(result.Tasks, t => Assert.True(t.ValidationLoss is { } loss && double.IsFinite(loss), $"{t.Task}: {t.ValidationLoss}"));
        Assert.Equal(SandboxLevel.ProcessOnly, result.Sandbox);
        Assert.Equal("cpu", result.Device);
        Assert.Equal("COMPLETED", result.AdditionalProperties![SlurmResultProperties.State]);
        Assert.NotEmpty(progress);
    }
}
