using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.Testing.Conformance;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.IntegrationTests.Extensibility;

/// <summary>A user benchmark assembly travels to the sandboxed worker, which trains and measures the custom task.</summary>
[Collection("torch")]
public sealed class CustomBenchmarkWorkerTests
{
    private static readonly TrainingProfile Profile = RoleSamples.Profile with
    {
        Benchmarks = [new BenchmarkSpec("fake", 1.0), new BenchmarkSpec("mqar", 0.0, new Dictionary<string, string> { ["pairs"] = "2", ["vocab"] = "8" })],
        LossTask = "fake",
    };

    [Fact]
    public async Task TrainAsync_BenchmarkAssemblyConfigured_WorkerTrainsTheCustomTask()
    {
        var options = new SandboxOptions { Threads = 1 };
        options.BenchmarkAssemblies.Add(typeof(FakeBenchmark).Assembly.Location);
        using var trainer = new SandboxedTrainer(options);

        var result = await trainer.TrainAsync(Request());

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(["fake", "mqar"], result.Tasks.Select(t => t.Task));
        var fake = result.GetTask("fake")!;
        Assert.InRange(fake.Metrics["accuracy"], 0.0, 1.0);
        Assert.True(double.IsFinite(fake.ValidationLoss!.Value));
    }

    [Fact]
    public async Task TrainAsync_BenchmarkNotConfigured_FailsNamingTheUnknownBenchmark()
    {
        using var trainer = new SandboxedTrainer(new SandboxOptions { Threads = 1 });

        var result = await trainer.TrainAsync(Request());

        Assert.False(result.Succeeded);
        Assert.Contains("fake", result.Failure!.ToString(), StringComparison.Ordinal);
    }

    private static TrainingRequest Request() => new()
    {
        Candidate = Engineering.SharedBuilder.BuildValid(RoleSamples.ValidMixerSource),
        Profile = Profile,
        Seed = 3,
        Threads = 1,
    };
}
