using System.Diagnostics;
using AsiArch.Sdk.IntegrationTests.Engineering;
using AsiArch.Sdk.Sandbox;
using static AsiArch.Sdk.IntegrationTests.Sandbox.WorkerTestSupport;

namespace AsiArch.Sdk.IntegrationTests.Sandbox;

/// <summary>
/// <see cref="SandboxOptions.TrainInProbedWorker"/>: the worker that probed and accepted a candidate waits
/// with it loaded and trains that candidate, never another; a rejected candidate's worker exits.
/// </summary>
[Collection("torch")]
public sealed class ProbedWorkerTests
{
    private static SandboxOptions Options() => new() { Threads = 1, KeepWorkerReady = true, TrainInProbedWorker = true };

    [Fact]
    public async Task TrainAsync_AfterAnAcceptedProbe_TrainsInTheProbedProcess()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());

        var probe = await client.ProbeAsync(artifact, Tiny, seed: 1);
        var probedPid = Assert.Single(client.ProbedWorkers);
        // Started at the probe's hand-over for the next experiment's probe.
        var next = Assert.Single(client.WaitingWorkers).ProcessId;
        var training = await client.TrainAsync(new TrainingRequest { Candidate = artifact, Profile = Tiny, Seed = 1, Threads = 1 }, null);

        Assert.True(probe.Failure is null, probe.Failure?.ToString());
        Assert.True(training.Failure is null, training.Failure?.ToString());
        Assert.Equal(10, Assert.Single(training.Training!.Tasks).Steps);
        Assert.True(Flag(training.Training.AdditionalProperties!["workerTrainedAfterProbe"]));
        Assert.Empty(client.ProbedWorkers);
        await WaitUntilGoneAsync(probedPid);
        // The training's hand-over started none: the next probe's worker was already waiting.
        Assert.Equal(next, Assert.Single(client.WaitingWorkers).ProcessId);
    }

    [Fact]
    public async Task TrainAsync_AnotherCandidate_RunsInAnotherProcessAndLeavesTheProbedWorkerWaiting()
    {
        var probed = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        var other = SharedBuilder.BuildValid(CandidateTemplates.Mixer(name: "OtherMixer"));
        using var client = new WorkerClient(Options());
        await client.ProbeAsync(probed, Tiny, seed: 1);
        var probedPid = Assert.Single(client.ProbedWorkers);

        var training = await client.TrainAsync(new TrainingRequest { Candidate = other, Profile = Tiny, Seed = 1, Threads = 1 }, null);

        Assert.True(training.Failure is null, training.Failure?.ToString());
        Assert.False(training.Training!.AdditionalProperties?.ContainsKey("workerTrainedAfterProbe") ?? false);
        Assert.Equal(probedPid, Assert.Single(client.ProbedWorkers));
    }

    [Fact]
    public async Task ProbeAsync_RejectedCandidate_KeepsNoWorkerAndStartsOneForTheRepair()
    {
        var leaky = SharedBuilder.BuildValid(CandidateTemplates.Mixer(forward: "        return _out.forward(_in.forward(x.flip(1)));"));
        using var client = new WorkerClient(Options());

        var outcome = await client.ProbeAsync(leaky, Tiny, seed: 1);

        Assert.Equal(FailureKind.NotCausal, outcome.Failure?.Kind);
        Assert.Empty(client.ProbedWorkers);
        Assert.Single(client.WaitingWorkers);
    }

    [Fact]
    public async Task TrainAsync_ProbedWorkerKilledWhileWaiting_TrainsInAFreshWorker()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());
        await client.ProbeAsync(artifact, Tiny, seed: 1);
        var pid = Assert.Single(client.ProbedWorkers);

        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        await WaitUntilGoneAsync(pid);
        var training = await client.TrainAsync(new TrainingRequest { Candidate = artifact, Profile = Tiny, Seed = 1, Threads = 1 }, null);

        Assert.True(training.Failure is null, training.Failure?.ToString());
        Assert.False(training.Training!.AdditionalProperties?.ContainsKey("workerTrainedAfterProbe") ?? false);
    }

    [Fact]
    public async Task Dispose_StopsProbedWorkers()
    {
        var first = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        var second = SharedBuilder.BuildValid(CandidateTemplates.Mixer(name: "SecondMixer"));
        var client = new WorkerClient(Options());
        await client.ProbeAsync(first, Tiny, seed: 1);
        await client.ProbeAsync(second, Tiny, seed: 1);
        var pids = client.ProbedWorkers;
        Assert.Equal(2, pids.Count);

        client.Dispose();

        foreach (var pid in pids)
        {
            await WaitUntilGoneAsync(pid);
        }

        Assert.Empty(client.ProbedWorkers);
    }
}
