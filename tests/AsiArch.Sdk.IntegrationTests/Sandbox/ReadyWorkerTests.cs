using System.Diagnostics;
using AsiArch.Sdk.IntegrationTests.Engineering;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.IntegrationTests.Sandbox;

/// <summary>
/// The worker kept ready for the next job (<see cref="SandboxOptions.KeepWorkerReady"/>): started ahead, used once,
/// replaced, and stopped on dispose.
/// </summary>
[Collection("torch")]
public sealed class ReadyWorkerTests
{
    private static readonly TrainingProfile Tiny = TrainingProfiles.Smoke with
    {
        Name = "Tiny",
        Steps = 10,
        Benchmarks = [new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "2", ["vocab"] = "8" }) { Steps = 10 }],
    };

    private static SandboxOptions Options() => new() { Threads = 1, KeepWorkerReady = true };

    [Fact]
    public async Task ProbeAsync_SecondJob_RunsInAProcessStartedBeforeItWasHandedOver()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());

        var first = await client.ProbeAsync(artifact, Tiny, seed: 1);
        var waiting = client.WaitingWorkerInfo;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var second = await client.ProbeAsync(artifact, Tiny, seed: 1);

        Assert.True(first.Failure is null, first.Failure?.ToString());
        Assert.True(second.Failure is null, second.Failure?.ToString());
        Assert.NotNull(waiting);
        // The job's clock starts at hand-over; the process had already waited at least the 3 s pause by then.
        var uptime = Number(second.Probes!.AdditionalProperties!["workerProcessUptimeMs"]);
        Assert.True(uptime > second.Duration.TotalMilliseconds + 2500, $"uptime {uptime} ms, job {second.Duration.TotalMilliseconds} ms");
        Assert.Equal(first.Probes!.Fingerprint, second.Probes.Fingerprint);
        Assert.NotEqual(waiting!.Value.ProcessId, client.WaitingWorkerInfo?.ProcessId);
        Assert.False(Directory.Exists(waiting.Value.Scratch));
    }

    [Fact]
    public async Task TrainAsync_OnTheWaitingWorker_Trains()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());
        await client.ProbeAsync(artifact, Tiny, seed: 1);
        Assert.NotNull(client.WaitingWorkerInfo);

        var training = await client.TrainAsync(new TrainingRequest { Candidate = artifact, Profile = Tiny, Seed = 1, Threads = 1 }, null);

        Assert.True(training.Failure is null, training.Failure?.ToString());
        Assert.Equal(10, Assert.Single(training.Training!.Tasks).Steps);
    }

    [Fact]
    public async Task ProbeAsync_WaitingWorkerKilled_StartsAFreshOneAndSucceeds()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());
        await client.ProbeAsync(artifact, Tiny, seed: 1);
        var pid = client.WaitingWorkerInfo?.ProcessId ?? throw new InvalidOperationException("no worker kept ready");

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
        var (pid, scratch) = client.WaitingWorkerInfo ?? throw new InvalidOperationException("no worker kept ready");
        Assert.True(Directory.Exists(scratch));

        client.Dispose();

        await WaitUntilGoneAsync(pid);
        Assert.False(Directory.Exists(scratch));
        Assert.Null(client.WaitingWorkerInfo);
    }

    [Fact]
    public async Task ProbeAsync_KeepWorkerReadyOff_LeavesNoWorkerBehind()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(new SandboxOptions { Threads = 1, KeepWorkerReady = false });

        await client.ProbeAsync(artifact, Tiny, seed: 1);

        Assert.Null(client.WaitingWorkerInfo);
    }

    private static double Number(object? value) =>
        value is System.Text.Json.JsonElement element ? element.GetDouble() : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 100 && Directory.Exists($"/proc/{pid}"); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still runs");
    }
}
