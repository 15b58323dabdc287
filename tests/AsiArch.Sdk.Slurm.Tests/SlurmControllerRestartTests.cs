using AsiArch.Sdk.Slurm.Tests.Cluster;

namespace AsiArch.Sdk.Slurm.Tests;

// Alone: while the controller is down, other tests' submissions would wait, and jobs submitted just before the kill
// may be lost by the controller (it saves its state every few seconds).
[Collection("controller")]
public sealed class SlurmControllerRestartTests
{
    [SlurmFact]
    public async Task TrainAsync_ControllerKilledThenJobRequeued_FinishesOnceFromTheSecondAttempt()
    {
        await TestCluster.EnsureStartedAsync();

        // The fake worker hangs on its first attempt and succeeds on a later one, so only a requeue can finish it.
        var options = TestCluster.FakeOptions("requeue");
        options.JobName = "asiarch-requeue-test";
        await using var trainer = new SlurmTrainer(options);
        var request = Candidates.Request("Requeued");
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var training = trainer.TrainAsync(request, cancellationToken: guard.Token);
        List<string> jobs;
        while ((jobs = await TestCluster.JobsNamedAsync(options.JobName)).Count == 0)
        {
            await Task.Delay(200, guard.Token);
        }

        var jobId = Assert.Single(jobs);
        await TestCluster.WaitForStateAsync(jobId, "RUNNING", TimeSpan.FromSeconds(30));

        // RUNNING is the controller's view; wait until the job script really started on the node (it records each
        // attempt), then until the controller saved that state.
        var attempts = Path.Combine(options.SharedDirectory, "jobs");
        while (!Directory.EnumerateFiles(attempts, "attempts", SearchOption.AllDirectories).Any())
        {
            await Task.Delay(200, guard.Token);
        }

        await TestCluster.WaitForStateSaveAsync(jobId);

        // SIGKILL the controller while the job runs; the trainer keeps polling through the outage.
        await TestCluster.KillAndRestartControllerAsync(TimeSpan.FromSeconds(3));
        Assert.False(training.IsCompleted, "the training ended while the controller was down");
        var requeue = await TestCluster.RunAsync("scontrol", "requeue", jobId);
        Assert.True(requeue.Code == 0, "scontrol requeue failed: " + requeue.Error);

        var result = await training;

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(Candidates.ExpectedLoss(request), result.GetTask("lm")!.ValidationLoss!.Value, 9);
        Assert.Equal(2, result.AdditionalProperties![SlurmResultProperties.Attempts]);
        Assert.Equal(jobId, result.AdditionalProperties[SlurmResultProperties.JobId]);
        Assert.Equal(0, trainer.ActiveJobs);
    }
}
