using AsiArch.Sdk.TorchSharp.Training;

namespace AsiArch.Sdk.TorchSharp.Tests.Training;

[Collection("torch")]
public sealed class TorchSharpTrainerTests
{
    private static Task<TrainingResult> Train(
        MixerFactory mixer, TrainingProfile profile, int seed = 1, TorchSharpTrainerOptions? options = null,
        IProgress<TrainingProgress>? progress = null, string? sourceFile = null, CancellationToken cancellationToken = default) =>
        new TorchSharpTrainer(options).TrainAsync(
            new MixerTrainingRequest { Mixer = mixer, Profile = profile, Seed = seed, Device = ComputeDevice.Cpu, SourceFileName = sourceFile },
            progress,
            cancellationToken);

    [Fact]
    public async Task TrainAsync_TwoTasks_FillsEveryResultField()
    {
        var profile = TrainerTestProfiles.Tiny(6) with
        {
            Benchmarks = [TrainerTestProfiles.Tiny().Benchmarks[0], new BenchmarkSpec("lm", 0.0) { Steps = 4 }],
        };

        var result = await Train(o => new TinyAttentionMixer(o), profile, options: new() { Sandbox = SandboxLevel.ProcessOnly });

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(["mqar", "lm"], result.Tasks.Select(t => t.Task));
        var mqar = result.GetTask("mqar")!;
        Assert.Equal(6, mqar.Steps);
        Assert.InRange(mqar.Metrics["accuracy"], 0, 1);
        Assert.Equal(mqar.ValidationLoss, mqar.Metrics["validation_loss"]);
        var lm = result.GetTask("lm")!;
        Assert.Equal(4, lm.Steps);
        Assert.Equal([3, 4], lm.LossCurve.Select(p => p.Step));
        Assert.True(lm.TokensPerSecond > 0 && lm.ValidationLoss > 0);
        Assert.Equal("Tiny", result.ProfileName);
        Assert.Equal(1, result.Seed);
        Assert.Equal("cpu", result.Device);
        Assert.Equal(SandboxLevel.ProcessOnly, result.Sandbox);
        Assert.True(result.Parameters > 0 && result.TokensPerSecond > 0 && result.PeakMemoryBytes > 0 && result.Duration > TimeSpan.Zero);
        var extra = result.AdditionalProperties!;
        Assert.Equal(32L * 96 + 32 * 32, (long)extra["mixer_parameters"]!);
        Assert.Equal("fp32", extra["precision"]);
        Assert.True((double)extra["lm.flops_per_token"]! > (double)extra["mqar.flops_per_token"]!, "the byte-level LM head is larger");
    }

    [Fact]
    public async Task TrainAsync_SameSeed_IdenticalLossCurvesAndMetrics()
    {
        var a = await Train(o => new TinyAttentionMixer(o), TrainerTestProfiles.Tiny(), seed: 5);
        var b = await Train(o => new TinyAttentionMixer(o), TrainerTestProfiles.Tiny(), seed: 5);
        var c = await Train(o => new TinyAttentionMixer(o), TrainerTestProfiles.Tiny(), seed: 6);

        Assert.Equal(a.Tasks[0].LossCurve, b.Tasks[0].LossCurve);
        Assert.Equal(a.Tasks[0].ValidationLoss, b.Tasks[0].ValidationLoss);
        Assert.NotEqual(a.Tasks[0].LossCurve, c.Tasks[0].LossCurve);
        Assert.Equal([3, 6, 9, 12], a.Tasks[0].LossCurve.Select(p => p.Step));
    }

    [Fact]
    public async Task TrainAsync_LossBecomesNaN_StopsWithNonFinite()
    {
        var result = await Train(o => new NaNMixer(o, nanFromCall: 4), TrainerTestProfiles.Tiny());

        Assert.False(result.Succeeded);
        Assert.Equal(FailureKind.NonFinite, result.Failure!.Kind);
        Assert.Contains("at step 4 of 12", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(4, result.Tasks[0].Steps);
        Assert.Equal([3], result.Tasks[0].LossCurve.Select(p => p.Step));
    }

    [Fact]
    public async Task TrainAsync_MixerThrows_RuntimeErrorWithSourceFrame()
    {
        var result = await Train(o => new ThrowingMixer(o), TrainerTestProfiles.Tiny(), sourceFile: "ThrowingMixer.cs");

        Assert.Equal(FailureKind.RuntimeError, result.Failure!.Kind);
        Assert.Contains("on task 'mqar' at step 1", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(result.Failure.Diagnostics, d => d.Contains("ThrowingMixer.cs:line ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrainAsync_MixerConstructorThrows_RuntimeError()
    {
        var result = await Train(_ => throw new NotSupportedException("no such head layout"), TrainerTestProfiles.Tiny());

        Assert.Equal(FailureKind.RuntimeError, result.Failure!.Kind);
        Assert.Contains("while building the model: no such head layout", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAsync_Cancelled_StopsBetweenSteps()
    {
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Step >= 3)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Train(o => new TinyAttentionMixer(o), TrainerTestProfiles.Tiny(100), progress: progress, cancellationToken: cts.Token));
        Assert.Equal(3, progress.Reports[^1].Step);
    }

    [Fact]
    public async Task TrainAsync_Progress_ReportsStepsLossAndEta()
    {
        var progress = new RecordingProgress();
        await Train(o => new TinyAttentionMixer(o), TrainerTestProfiles.Tiny(), progress: progress);

        Assert.Equal([1, 3, 6, 9, 12], progress.Reports.Select(r => r.Step));
        Assert.All(progress.Reports, r => Assert.Equal("mqar", r.Task));
        Assert.All(progress.Reports, r => Assert.True(double.IsFinite(r.Loss) && r.Loss > 0));
        Assert.True(progress.Reports[0].Remaining > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, progress.Reports[^1].Remaining);
    }

    [Fact]
    public async Task TrainAsync_BFloat16_TrainsWithFallingLoss()
    {
        var result = await Train(o => new TinyAttentionMixer(o), TrainerTestProfiles.Tiny(24), options: new() { Precision = TrainingPrecision.BFloat16 });

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("bf16", result.AdditionalProperties!["precision"]);
        var curve = result.Tasks[0].LossCurve;
        Assert.True(curve[^1].Loss < curve[0].Loss, $"loss went {curve[0].Loss} -> {curve[^1].Loss}");
    }

    [Fact]
    public async Task TrainAsync_UnknownBenchmark_ThrowsListingKnownOnes()
    {
        var profile = TrainerTestProfiles.Tiny() with { Benchmarks = [new BenchmarkSpec("parity")] };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Train(o => new TinyAttentionMixer(o), profile));
        Assert.Contains("Known benchmarks: induction, lm, mqar, selective_copy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAsync_CandidateWithoutMixer_ContractViolation()
    {
        var bytes = await File.ReadAllBytesAsync(typeof(TrainingProfile).Assembly.Location);
        var request = new TrainingRequest
        {
            Candidate = new CandidateArtifact { Source = new CandidateSource("// none"), Assembly = bytes, TypeName = "Nope" },
            Profile = TrainerTestProfiles.Tiny(),
            Device = ComputeDevice.Cpu,
        };

        var result = await new TorchSharpTrainer().TrainAsync(request);

        Assert.Equal(FailureKind.ContractViolation, result.Failure!.Kind);
    }
}
