using System.Diagnostics;
using AsiArch.Sdk.IntegrationTests.Engineering;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.IntegrationTests.Sandbox;

/// <summary>
/// Workers kept waiting (<see cref="SandboxOptions.KeepWorkerReady"/>): a probed worker trains its own candidate, a
/// blank worker started during training takes the next probe, and nothing is left behind on failure or dispose.
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
    public async Task TrainAsync_AfterAPassedProbe_TrainsInTheProbedProcessAndStartsABlankWorker()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());

        var probe = await client.ProbeAsync(artifact, Tiny, seed: 1);
        var probed = Assert.Single(client.Waiting.Probed);
        var training = await client.TrainAsync(Request(artifact), null);

        Assert.True(probe.Failure is null, probe.Failure?.ToString());
        Assert.True(training.Failure is null, training.Failure?.ToString());
        Assert.NotNull(training.Training);
        Assert.Empty(client.Waiting.Probed);
        await WaitUntilGoneAsync(probed.ProcessId);
        Assert.False(Directory.Exists(probed.Scratch));
        Assert.NotNull(client.Waiting.BlankProcessId);
    }

    [Fact]
    public async Task ProbeAsync_AfterATraining_RunsInTheBlankWorkerStartedBeforeIt()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());
        await client.ProbeAsync(artifact, Tiny, seed: 1);
        await client.TrainAsync(Request(artifact), null);
        var blank = client.Waiting.BlankProcessId;
        await Task.Delay(TimeSpan.FromSeconds(3));

        var probe = await client.ProbeAsync(artifact, Tiny, seed: 1);

        Assert.True(probe.Failure is null, probe.Failure?.ToString());
        Assert.NotNull(blank);
        // The job's clock starts at hand-over; the process had already waited at least the 3 s pause by then.
        var uptime = Number(probe.Probes!.AdditionalProperties!["workerProcessUptimeMs"]);
        Assert.True(uptime > probe.Duration.TotalMilliseconds + 2500, $"uptime {uptime} ms, job {probe.Duration.TotalMilliseconds} ms");
        Assert.Equal(blank, Assert.Single(client.Waiting.Probed).ProcessId);
    }

    [Fact]
    public async Task TrainAsync_OtherCandidate_DoesNotUseTheProbedWorker()
    {
        var probedArtifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        var other = SharedBuilder.BuildValid(CandidateTemplates.Mixer(name: "OtherMixer"));
        using var client = new WorkerClient(Options());
        await client.ProbeAsync(probedArtifact, Tiny, seed: 1);
        var probed = Assert.Single(client.Waiting.Probed);

        var training = await client.TrainAsync(Request(other), null);

        Assert.True(training.Failure is null, training.Failure?.ToString());
        Assert.Equal(probed, Assert.Single(client.Waiting.Probed));
    }

    [Fact]
    public async Task Worker_SecondJobForOtherBytes_IsRefused()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        var other = SharedBuilder.BuildValid(CandidateTemplates.Mixer(name: "OtherMixer"));
        using var client = new WorkerClient(Options());
        await client.ProbeAsync(artifact, Tiny, seed: 1);
        var (_, scratch) = Assert.Single(client.Waiting.Probed);
        var worker = client.Waiting.TakeProbed(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(artifact.Assembly)))!;

        // A compromised host-side path (or a bug) hands it different bytes: the worker must not run them.
        await File.WriteAllBytesAsync(Path.Combine(scratch, "candidate.dll"), other.Assembly);
        File.Copy(Path.Combine(scratch, "probe-job.json"), Path.Combine(scratch, "train-job.json"));
        var json = (await File.ReadAllTextAsync(Path.Combine(scratch, "train-job.json"))).Replace("\"probe\"", "\"train\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(scratch, "train-job.json"), json);
        worker.Process.Send(Path.Combine(scratch, "train-job.json"));
        var run = await worker.Process.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        worker.Dispose();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("refused", run.ErrorTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_FailedProbe_KeepsNoWorker()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer(forward: "        return _out.forward(_in.forward(x)).sum(1, keepdim: true).expand(x.shape);"));
        using var client = new WorkerClient(Options());

        var probe = await client.ProbeAsync(artifact, Tiny, seed: 1);

        Assert.Equal(FailureKind.NotCausal, probe.Failure?.Kind);
        Assert.Empty(client.Waiting.Probed);
    }

    [Fact]
    public async Task ProbeAsync_BlankWorkerKilledWhileWaiting_StartsAFreshOneAndSucceeds()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(Options());
        await client.ProbeAsync(artifact, Tiny, seed: 1);
        await client.TrainAsync(Request(artifact), null);
        var pid = client.Waiting.BlankProcessId ?? throw new InvalidOperationException("no blank worker");

        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        await WaitUntilGoneAsync(pid);
        var outcome = await client.ProbeAsync(artifact, Tiny, seed: 1);

        Assert.True(outcome.Failure is null, outcome.Failure?.ToString());
    }

    [Fact]
    public async Task Dispose_StopsEveryWaitingWorkerAndDeletesTheirScratchDirectories()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        var other = SharedBuilder.BuildValid(CandidateTemplates.Mixer(name: "OtherMixer"));
        var client = new WorkerClient(Options());
        await client.ProbeAsync(artifact, Tiny, seed: 1);
        await client.TrainAsync(Request(other), null);
        var blank = client.Waiting.BlankProcessId ?? throw new InvalidOperationException("no blank worker");
        var blankScratch = client.Waiting.BlankScratch!;
        var probed = Assert.Single(client.Waiting.Probed);

        client.Dispose();

        await WaitUntilGoneAsync(blank);
        await WaitUntilGoneAsync(probed.ProcessId);
        Assert.False(Directory.Exists(blankScratch));
        Assert.False(Directory.Exists(probed.Scratch));
        Assert.Null(client.Waiting.BlankProcessId);
    }

    [Fact]
    public async Task ProbeAsync_KeepWorkerReadyOff_LeavesNoWorkerBehind()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        using var client = new WorkerClient(new SandboxOptions { Threads = 1, KeepWorkerReady = false });

        await client.ProbeAsync(artifact, Tiny, seed: 1);
        await client.TrainAsync(Request(artifact), null);

        Assert.Null(client.Waiting.BlankProcessId);
        Assert.Empty(client.Waiting.Probed);
    }

    private static TrainingRequest Request(CandidateArtifact artifact) => new() { Candidate = artifact, Profile = Tiny, Seed = 1, Threads = 1 };

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
