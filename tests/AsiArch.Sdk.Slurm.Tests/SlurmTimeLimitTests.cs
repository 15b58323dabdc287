using AsiArch.Sdk.Slurm.Tests.Cluster;

namespace AsiArch.Sdk.Slurm.Tests;

public sealed class SlurmTimeLimitTests
{
    [SlurmFact]
    public async Task TrainAsync_JobReachesItsTimeLimit_ReturnsTimeout()
    {
        await TestCluster.EnsureStartedAsync();

        // Slurm's smallest limit is one minute and it checks limits about every 30 s: a warning 55 s before the limit
        // arrives at the first check, the script stops the worker, and the outcome is a timeout well before 90 s.
        var options = TestCluster.FakeOptions("hang");
        options.TimeLimit = TimeSpan.FromMinutes(1);
        options.SignalLeadTime = TimeSpan.FromSeconds(55);
        await using var trainer = new SlurmTrainer(options);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var result = await trainer.TrainAsync(Candidates.Request("Forever"), cancellationToken: guard.Token);

        Assert.Equal(FailureKind.Timeout, result.Failure?.Kind);
        Assert.Contains("time limit of 1 min", result.Failure!.Message, StringComparison.Ordinal);
    }
}
