using AsiArch.Sdk.IntegrationTests.Engineering;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.IntegrationTests.Sandbox;

/// <summary>Runtime-hostile candidates run in the real worker: each is classified or killed, and the host carries on.</summary>
[Collection("torch")]
public sealed class WorkerContainmentTests
{
    private static readonly SandboxOptions Options = new()
    {
        Threads = 1,
        KeepWorkerReady = false,
        MemoryLimitBytes = 1536L * 1024 * 1024,
        ProbeTimeout = TimeSpan.FromSeconds(60),
    };

    [Theory]
    [MemberData(nameof(RuntimeCorpus.Entries), MemberType = typeof(RuntimeCorpus))]
    public async Task ProbeAsync_RuntimeHostileCandidate_IsContainedWithTheRightKind(string name, string source, FailureKind kind)
    {
        var artifact = SharedBuilder.BuildValid(source);

        var outcome = await new WorkerClient(Options).ProbeAsync(artifact, TrainingProfiles.Smoke, seed: 3);

        Assert.True(outcome.Failure is not null, $"'{name}' was accepted");
        Assert.True(kind == outcome.Failure!.Kind, $"'{name}': expected {kind}, got {outcome.Failure}");
        Assert.False(string.IsNullOrWhiteSpace(outcome.Failure.Message));
        Assert.NotEqual(SandboxLevel.NotRun, outcome.Sandbox);
    }

    [Fact]
    public async Task ProbeAsync_InfiniteLoop_IsKilledAtTheWallClockBudget()
    {
        var artifact = SharedBuilder.BuildValid(RuntimeCorpus.InfiniteLoop);
        var options = new SandboxOptions { Threads = 1, KeepWorkerReady = false, ProbeTimeout = TimeSpan.FromSeconds(20) };

        var outcome = await new WorkerClient(options).ProbeAsync(artifact, TrainingProfiles.Smoke, seed: 3);

        Assert.Equal(FailureKind.Timeout, outcome.Failure?.Kind);
        Assert.InRange(outcome.Duration, TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task ProbeAsync_RuntimeError_PointsAtTheCandidateLine()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer(forward: "        var h = _in.forward(x);\n        if (h.shape[2] > 0) { throw new InvalidOperationException(\"head split failed\"); }\n        return _out.forward(h);"));

        var outcome = await new WorkerClient(Options).ProbeAsync(artifact, TrainingProfiles.Smoke, seed: 3);

        Assert.Equal(FailureKind.RuntimeError, outcome.Failure?.Kind);
        Assert.Contains("head split failed", outcome.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains(outcome.Failure.Diagnostics, d => d.Contains("Layer.cs:line", StringComparison.Ordinal));
    }
}
