using System.Diagnostics;
using AsiArch.Sdk.IntegrationTests.Engineering;
using AsiArch.Sdk.Sandbox;
using static AsiArch.Sdk.IntegrationTests.Sandbox.WorkerTestSupport;

namespace AsiArch.Sdk.IntegrationTests.Sandbox;

/// <summary>
/// The workers kept ready for the next jobs (<see cref="SandboxOptions.KeepWorkerReady"/>): started ahead (two after
/// a training's hand-over), warmed up, used once, replaced, and stopped on dispose. Every job here gets a worker of its
/// own (<see cref="SandboxOptions.TrainInProbedWorker"/> off); <see cref="ProbedWorkerTests"/> covers it on, the default.
/// </summary>
[Collection("torch")]
public sealed class ReadyWorkerTests
{
    private static SandboxOptions Options() => new() { Threads = 1, KeepWorkerReady = true, TrainInProbedWorker = false };

    [Fact]
    public async Task ProbeAsync_SecondJob_RunsInAProcessStartedBeforeItWasHandedOver()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());

        var first = await client.ProbeAsync(artifact, Tiny, seed: 1);
        var waiting = Assert.Single(client.WaitingWorkers);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var second = await client.ProbeAsync(artifact, Tiny, seed: 1);

        Assert.True(first.Failure is null, first.Failure?.ToString());
        Assert.True(second.Failure is null, second.Failure?.ToString());
        // The job's clock starts at hand-over; the process had already waited at least the 3 s pause by then.
        var uptime = Number(second.Probes!.AdditionalProperties!["workerProcessUptimeMs"]);
        Assert.True(uptime > second.Duration.TotalMilliseconds + 2500, $"uptime {uptime} ms, job {second.Duration.TotalMilliseconds} ms");
        Assert.Equal(first.Probes!.Fingerprint, second.Probes.Fingerprint);
        Assert.DoesNotContain(waiting, client.WaitingWorkers);
        // A worker that delivered its result is reaped in the background.
        await client.CleanupsDoneAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(Directory.Exists(waiting.Scratch));
    }

    [Fact]
    public async Task TrainAsync_OnTheWaitingWorker_Trains()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());
        await client.ProbeAsync(artifact, Tiny, seed: 1);
        Assert.Single(client.WaitingWorkers);

        var training = await client.TrainAsync(new TrainingRequest { Candidate = artifact, Profile = Tiny, Seed = 1, Threads = 1 }, null);

        Assert.True(training.Failure is null, training.Failure?.ToString());
        Assert.Equal(10, Assert.Single(training.Training!.Tasks).Steps);
        // Started during the training: one for the next probe job, one for the next training job.
        Assert.Equal(2, client.WaitingWorkers.Select(w => w.ProcessId).Distinct().Count());
    }

    [Fact]
    public async Task ProbeAsync_OnAWarmedUpWorker_ReportsTheWarmUpAndTheJobsThreadCount()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var warm = new WorkerClient(new SandboxOptions { Threads = 2, KeepWorkerReady = true, TrainInProbedWorker = false, WarmUpReadyWorkers = true });
        using var cold = new WorkerClient(new SandboxOptions { Threads = 2, KeepWorkerReady = true, TrainInProbedWorker = false, WarmUpReadyWorkers = false });
        await warm.ProbeAsync(artifact, Tiny, seed: 1);
        await cold.ProbeAsync(artifact, Tiny, seed: 1);
        await warm.WaitingWorkersReadyAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await cold.WaitingWorkersReadyAsync().WaitAsync(TimeSpan.FromMinutes(2));

        var warmed = await warm.ProbeAsync(artifact, Tiny, seed: 1);
        var notWarmed = await cold.ProbeAsync(artifact, Tiny, seed: 1);

        Assert.True(warmed.Failure is null, warmed.Failure?.ToString());
        Assert.True(Flag(warmed.Probes!.AdditionalProperties!["workerWarmedUp"]));
        Assert.False(Flag(notWarmed.Probes!.AdditionalProperties!["workerWarmedUp"]));
        // The warm-up runs with one torch thread; the job gets the thread count it asked for.
        Assert.Equal(2, Number(warmed.Probes.AdditionalProperties["workerTorchThreads"]));
        Assert.Equal(notWarmed.Probes.Fingerprint, warmed.Probes.Fingerprint);
    }

    [Fact]
    public async Task WaitingWorker_ReservesTheConfiguredHeapBeforeItSaysReady()
    {
        const long Reserve = 256L * 1024 * 1024;
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        var withOptions = Options();
        withOptions.ReadyWorkerHeapBytes = Reserve;
        var withoutOptions = Options();
        withoutOptions.ReadyWorkerHeapBytes = 0;
        using var with = new WorkerClient(withOptions);
        using var without = new WorkerClient(withoutOptions);
        await with.ProbeAsync(artifact, Tiny, seed: 1);
        await without.ProbeAsync(artifact, Tiny, seed: 1);

        await with.WaitingWorkersReadyAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await without.WaitingWorkersReadyAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var reserved = ProcessTree.ResidentBytes(Assert.Single(with.WaitingWorkers).ProcessId);
        var plain = ProcessTree.ResidentBytes(Assert.Single(without.WaitingWorkers).ProcessId);

        // The freed blocks stay mapped (one arena, high trim threshold), so the difference is the reserve.
        Assert.True(reserved - plain > Reserve * 3 / 4, $"resident {reserved / (1 << 20)} MiB with the reserve, {plain / (1 << 20)} MiB without");
    }

    [Fact]
    public async Task ProbeAsync_WaitingWorkerKilled_StartsAFreshOneAndSucceeds()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());
        await client.ProbeAsync(artifact, Tiny, seed: 1);
        var pid = Assert.Single(client.WaitingWorkers).ProcessId;

        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        await WaitUntilGoneAsync(pid);
        var outcome = await client.ProbeAsync(artifact, Tiny, seed: 1);

        Assert.True(outcome.Failure is null, outcome.Failure?.ToString());
    }

    [Fact]
    public async Task Dispose_StopsTheWaitingWorkerAndDeletesItsScratchDirectory()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        var client = new WorkerClient(Options());
        await client.ProbeAsync(artifact, Tiny, seed: 1);
        var (pid, scratch) = Assert.Single(client.WaitingWorkers);
        Assert.True(Directory.Exists(scratch));

        client.Dispose();

        await WaitUntilGoneAsync(pid);
        Assert.False(Directory.Exists(scratch));
        Assert.Empty(client.WaitingWorkers);
    }

    [Fact]
    public async Task ProbeAsync_KeepWorkerReadyOff_LeavesNoWorkerBehind()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(new SandboxOptions { Threads = 1, KeepWorkerReady = false });

        await client.ProbeAsync(artifact, Tiny, seed: 1);

        Assert.Empty(client.WaitingWorkers);
        Assert.Empty(client.ProbedWorkers);
    }
}
