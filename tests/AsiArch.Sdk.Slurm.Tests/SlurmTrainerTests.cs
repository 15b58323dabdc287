using System.Text.Json;
using AsiArch.Sdk.Slurm.Tests.Cluster;

namespace AsiArch.Sdk.Slurm.Tests;

public sealed class SlurmTrainerTests
{
    [SlurmFact]
    public async Task TrainAsync_FakeWorker_ReturnsTheWorkersResultWithSlurmDetails()
    {
        await TestCluster.EnsureStartedAsync();
        var options = TestCluster.FakeOptions("ok");
        await using var trainer = new SlurmTrainer(options);
        var request = Candidates.Request("Single");
        var progress = new List<TrainingProgress>();
        Environment.SetEnvironmentVariable("ASIARCH_TEST_API_KEY", "sk-must-not-reach-the-job");
        options.ExportedEnvironmentVariables.Add("ASIARCH_TEST_API_KEY"); // listed, still dropped: it looks like a credential

        var result = await trainer.TrainAsync(request, new SyncProgress(progress.Add));

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(Candidates.ExpectedLoss(request), result.GetTask("lm")!.ValidationLoss!.Value, 9);
        Assert.Equal("COMPLETED", result.AdditionalProperties![SlurmResultProperties.State]);
        Assert.Matches("^[0-9]+_0$", (string)result.AdditionalProperties[SlurmResultProperties.JobId]!);
        Assert.Equal(1, result.AdditionalProperties[SlurmResultProperties.Attempts]);
        Assert.Contains(progress, p => p.Task == "mqar" && p.Step == 1);
        Assert.Equal("", result.AdditionalProperties["fakeSecretSeen"]?.ToString());
        Assert.Equal(0, trainer.ActiveJobs);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(options.SharedDirectory, "jobs")));
    }

    [SlurmFact]
    public async Task TrainAsync_RequestsInOneWindow_AreOneJobArrayAndEachGetsItsOwnResult()
    {
        await TestCluster.EnsureStartedAsync();
        var options = TestCluster.FakeOptions("ok");
        options.BatchWindow = TimeSpan.FromSeconds(1);
        await using var trainer = new SlurmTrainer(options);
        var requests = Enumerable.Range(0, 4).Select(i => Candidates.Request($"Array{i}", seed: i)).ToList();

        var results = await Task.WhenAll(requests.Select(r => trainer.TrainAsync(r)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.ToString()));
        var ids = results.Select(r => (string)r.AdditionalProperties![SlurmResultProperties.JobId]!).ToList();
        Assert.Single(ids.Select(id => id.Split('_')[0]).Distinct());
        Assert.Equal(["0", "1", "2", "3"], ids.Select(id => id.Split('_')[1]).Order());
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(Candidates.ExpectedLoss(requests[i]), results[i].GetTask("lm")!.ValidationLoss!.Value, 9);
        }
    }

    [SlurmFact]
    public async Task TrainBatchAsync_TwoGpuJobs_RunAtOnceOnSeparateGpus()
    {
        await TestCluster.EnsureStartedAsync();
        var options = TestCluster.FakeOptions("ok", seconds: 3);
        options.GpusPerJob = 1;
        await using var trainer = new SlurmTrainer(options);

        var results = await trainer.TrainBatchAsync([Candidates.Request("GpuA"), Candidates.Request("GpuB")]);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.ToString()));
        var gpus = results.Select(r => (string)r.AdditionalProperties![SlurmResultProperties.JobGpus]!).ToList();
        var visible = results.Select(r => (string)r.AdditionalProperties![SlurmResultProperties.VisibleDevices]!).ToList();
        Assert.Equal(["0", "1"], gpus.Order());
        Assert.Equal(["0", "1"], visible.Order());

        // Both workers were running at the same time: each started before the other ended.
        var spans = results.Select(r => (Start: Millis(r, "fakeStartMs"), End: Millis(r, "fakeEndMs"))).ToList();
        Assert.True(spans[0].Start < spans[1].End && spans[1].Start < spans[0].End, $"the jobs did not overlap: {string.Join(", ", spans)}");
    }

    [SlurmFact]
    public async Task TrainAsync_WorkerCrashes_ReturnsCrashedWithItsStandardError()
    {
        await TestCluster.EnsureStartedAsync();
        await using var trainer = new SlurmTrainer(TestCluster.FakeOptions("crash"));

        var result = await trainer.TrainAsync(Candidates.Request("Crash"));

        Assert.Equal(FailureKind.Crashed, result.Failure?.Kind);
        Assert.Contains("exit code 3", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("fake worker: simulated crash", result.Failure.Diagnostics);
        Assert.Equal("FAILED", result.AdditionalProperties![SlurmResultProperties.State]);
    }

    [SlurmFact]
    public async Task TrainAsync_UnknownPartition_ThrowsSlurmExceptionQuotingSbatch()
    {
        await TestCluster.EnsureStartedAsync();
        var options = TestCluster.FakeOptions("ok");
        options.Partition = "no-such-partition";
        await using var trainer = new SlurmTrainer(options);

        var error = await Assert.ThrowsAsync<SlurmException>(() => trainer.TrainAsync(Candidates.Request("Refused")));

        Assert.Contains("partition", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(options.SharedDirectory, "jobs")));
    }

    private static long Millis(TrainingResult result, string key) =>
        result.AdditionalProperties![key] switch
        {
            JsonElement e => e.GetInt64(),
            var other => Convert.ToInt64(other, System.Globalization.CultureInfo.InvariantCulture),
        };
}
