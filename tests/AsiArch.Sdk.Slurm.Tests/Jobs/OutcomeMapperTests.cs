using AsiArch.Sdk.Slurm.Jobs;
using AsiArch.Sdk.Slurm.Tests.Cluster;

namespace AsiArch.Sdk.Slurm.Tests.Jobs;

public sealed class OutcomeMapperTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "asiarch-slurm-mapper-" + Guid.NewGuid().ToString("N")[..8]);

    public OutcomeMapperTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "attempts"), "41 0 node1 - -\n42 1 node2 1 1\n");
    }

    [Theory]
    [InlineData("TIMEOUT", FailureKind.Timeout)]
    [InlineData("DEADLINE", FailureKind.Timeout)]
    [InlineData("OUT_OF_MEMORY", FailureKind.OutOfMemory)]
    [InlineData("NODE_FAIL", FailureKind.Crashed)]
    [InlineData("BOOT_FAIL", FailureKind.Crashed)]
    [InlineData("PREEMPTED", FailureKind.Crashed)]
    [InlineData("CANCELLED", FailureKind.Cancelled)]
    [InlineData("FAILED", FailureKind.Crashed)]
    [InlineData("UNKNOWN", FailureKind.Crashed)]
    public void Map_NoWorkerResult_MapsTheSlurmStateToAFailureKind(string state, FailureKind expected)
    {
        var result = Map(state);

        Assert.Equal(expected, result.Failure?.Kind);
        Assert.Contains("7_0", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(state, result.AdditionalProperties![SlurmResultProperties.State]);
        Assert.Equal(2, result.AdditionalProperties[SlurmResultProperties.Attempts]);
        Assert.Equal("node2", result.AdditionalProperties[SlurmResultProperties.Node]);
        Assert.Equal("1", result.AdditionalProperties[SlurmResultProperties.JobGpus]);
    }

    [Fact]
    public void Map_TimeLimitWarningReceived_IsATimeoutEvenWhenTheScriptExitedNormally()
    {
        File.WriteAllText(Path.Combine(_dir, "signalled"), "");
        File.WriteAllText(Path.Combine(_dir, "exitcode"), "143\n");

        var result = Map("FAILED");

        Assert.Equal(FailureKind.Timeout, result.Failure?.Kind);
        Assert.Contains("after the time-limit warning", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_WorkerReportedAFailure_KeepsTheWorkersFailure()
    {
        File.WriteAllText(Path.Combine(_dir, "worker.out"), "native noise\n@@asiarch {\"type\":\"result\",\"failure\":{\"kind\":\"NonFinite\",\"message\":\"loss became NaN at step 3\"}}\n");

        var result = Map("COMPLETED");

        Assert.Equal(FailureKind.NonFinite, result.Failure?.Kind);
        Assert.Equal("loss became NaN at step 3", result.Failure!.Message);
    }

    [Fact]
    public void Map_JobForgottenAfterItFinished_KeepsTheWorkersResult()
    {
        File.WriteAllText(Path.Combine(_dir, "worker.out"), "@@asiarch {\"type\":\"result\",\"training\":{\"tasks\":[{\"task\":\"lm\",\"validationLoss\":2.25}]}}\n");
        File.WriteAllText(Path.Combine(_dir, "exitcode"), "0\n");

        var result = Map("UNKNOWN");

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(2.25, result.GetTask("lm")!.ValidationLoss);
        Assert.Equal("UNKNOWN", result.AdditionalProperties![SlurmResultProperties.State]);
    }

    [Fact]
    public void Map_ResultLineFromATimedOutJob_IsStillATimeout()
    {
        File.WriteAllText(Path.Combine(_dir, "worker.out"), "@@asiarch {\"type\":\"result\",\"training\":{\"tasks\":[]}}\n");

        Assert.Equal(FailureKind.Timeout, Map("TIMEOUT").Failure?.Kind);
    }

    [Fact]
    public void Map_TorchAbortedTheWorker_IsARuntimeErrorQuotingWhat()
    {
        File.WriteAllText(Path.Combine(_dir, "worker.err"), "terminate called after throwing an instance of 'c10::Error'\n  what():  shape '[2, 3]' is invalid\nframe #0: x\n");
        File.WriteAllText(Path.Combine(_dir, "exitcode"), "134\n");

        var result = Map("FAILED");

        Assert.Equal(FailureKind.RuntimeError, result.Failure?.Kind);
        Assert.Contains("shape '[2, 3]' is invalid", result.Failure!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Failure.Diagnostics, d => d.StartsWith("frame #", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TrainingResult Map(string state) =>
        OutcomeMapper.Map("7_0", state, new TaskFiles(_dir), Candidates.Request("Mapped"), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5), resubmits: 0);
}
