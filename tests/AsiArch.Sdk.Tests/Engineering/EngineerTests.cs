using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Tests.Engineering;

public sealed class EngineerTests
{
    private static readonly Proposal Proposal = new()
    {
        Name = "p",
        Motivation = "m",
        Source = new CandidateSource("class Broken {"),
    };

    private static ImplementationRequest Request => new() { Proposal = Proposal, Profile = TrainingProfiles.Smoke, ExperimentIndex = 42 };

    [Fact]
    public async Task ImplementAsync_AllChecksPass_ReturnsArtifactProbesAndSandboxLevel()
    {
        var engineer = new Engineer(new CallbackArtifactBuilder(CallbackArtifactBuilder.Ok), new CallbackProber(CallbackProber.Passing), new CallbackTrainer(_ => new TrainingResult()));

        var result = await engineer.ImplementAsync(Request);

        Assert.True(result.Succeeded);
        Assert.Equal(Proposal.Source, result.FinalSource);
        Assert.True(result.Probes!.Causal);
        Assert.Equal(SandboxLevel.OsSandbox, result.Sandbox);
        Assert.Empty(result.Attempts);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task ImplementAsync_SuperLinear_RejectsACandidateButNotAReference(bool reference, bool implemented)
    {
        static WorkerOutcome Quadratic(CandidateArtifact _) => new()
        {
            Probes = new ProbeReport { Causal = true, ComplexityExponent = 1.65, Parameters = 10 },
            Failure = new ExperimentFailure(FailureKind.SuperLinear, "Forward time grows like T^1.65"),
            Sandbox = SandboxLevel.OsSandbox,
        };
        var engineer = new Engineer(new CallbackArtifactBuilder(CallbackArtifactBuilder.Ok), new CallbackProber(Quadratic), new CallbackTrainer(_ => new TrainingResult()));

        var result = await engineer.ImplementAsync(Request with { Reference = reference });

        Assert.Equal(implemented, result.Succeeded);
        Assert.Equal(1.65, result.Probes!.ComplexityExponent);
        Assert.Equal(implemented ? null : FailureKind.SuperLinear, result.Failure?.Kind);
    }

    [Fact]
    public async Task ImplementAsync_CompileErrorWithDefaultRepairer_FailsWithoutProbingAndRecordsTheGiveUp()
    {
        var prober = new CallbackProber(CallbackProber.Passing);
        var engineer = new Engineer(
            new CallbackArtifactBuilder(_ => CallbackArtifactBuilder.Fail(FailureKind.CompileError, "CS1002")),
            prober,
            new CallbackTrainer(_ => new TrainingResult()));

        var result = await engineer.ImplementAsync(Request);

        Assert.False(result.Succeeded);
        Assert.Equal(FailureKind.CompileError, result.Failure!.Kind);
        Assert.Equal(0, prober.Calls);
        Assert.Equal(SandboxLevel.NotRun, result.Sandbox);
        var attempt = Assert.Single(result.Attempts);
        Assert.Null(attempt.RepairedSource);
        Assert.Equal(Proposal.Source.Hash, attempt.FailedSourceHash);
    }

    [Fact]
    public async Task ImplementAsync_RepairFixesProbeFailure_SucceedsWithRepairedSourceAndRecordsAttempt()
    {
        var fixedSource = new CandidateSource("fixed");
        var prober = new CallbackProber(a => a.Source.Code == "fixed"
            ? CallbackProber.Passing(a)
            : new WorkerOutcome { Failure = new ExperimentFailure(FailureKind.NotCausal, "leak"), Sandbox = SandboxLevel.OsSandbox });
        var repairer = new CallbackRepairer(_ => new RepairResult { Source = fixedSource, Usage = new TokenUsage { InputTokens = 5 } });
        var engineer = new Engineer(new CallbackArtifactBuilder(CallbackArtifactBuilder.Ok), prober, new CallbackTrainer(_ => new TrainingResult()), repairer);

        var result = await engineer.ImplementAsync(Request);

        Assert.True(result.Succeeded);
        Assert.Equal("fixed", result.FinalSource.Code);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(FailureKind.NotCausal, attempt.Failure.Kind);
        Assert.Equal(5, attempt.Usage.InputTokens);
        var request = Assert.Single(repairer.Requests);
        Assert.Equal("m", request.Proposal.Motivation);
        Assert.Equal(1, request.AttemptNumber);
        Assert.Equal(42, request.ExperimentIndex); // so the repairer's model calls are stored on the experiment
    }

    [Fact]
    public async Task ImplementAsync_RepairNeverHelps_StopsAfterMaxAttempts()
    {
        var counter = 0;
        var repairer = new CallbackRepairer(_ => new RepairResult { Source = new CandidateSource($"v{++counter}") });
        var engineer = new Engineer(
            new CallbackArtifactBuilder(_ => CallbackArtifactBuilder.Fail(FailureKind.PolicyViolation, "ASA001")),
            new CallbackProber(CallbackProber.Passing),
            new CallbackTrainer(_ => new TrainingResult()),
            repairer,
            new EngineerOptions { MaxRepairAttempts = 2 });

        var result = await engineer.ImplementAsync(Request);

        Assert.Equal(FailureKind.PolicyViolation, result.Failure!.Kind);
        Assert.Equal(2, result.Attempts.Count);
        Assert.Equal(2, repairer.Requests.Count);
        Assert.Equal("v2", result.FinalSource.Code);
    }

    [Fact]
    public async Task ImplementAsync_RepairerReturnsSameSource_StopsImmediately()
    {
        var repairer = new CallbackRepairer(r => new RepairResult { Source = r.Source });
        var engineer = new Engineer(
            new CallbackArtifactBuilder(_ => CallbackArtifactBuilder.Fail(FailureKind.CompileError, "x")),
            new CallbackProber(CallbackProber.Passing),
            new CallbackTrainer(_ => new TrainingResult()),
            repairer);

        var result = await engineer.ImplementAsync(Request);

        Assert.Single(result.Attempts);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task EvaluateAsync_TrainingRuntimeError_RepairsRebuildsAndRetrains()
    {
        var trainer = new CallbackTrainer(r => r.Candidate.Source.Code == "fixed"
            ? new TrainingResult { Parameters = 7 }
            : new TrainingResult { Failure = new ExperimentFailure(FailureKind.RuntimeError, "boom") });
        var builder = new CallbackArtifactBuilder(CallbackArtifactBuilder.Ok);
        var engineer = new Engineer(builder, new CallbackProber(CallbackProber.Passing), trainer, new CallbackRepairer(_ => new RepairResult { Source = new CandidateSource("fixed") }));
        var artifact = CallbackArtifactBuilder.Ok(Proposal.Source).Artifact!;

        var result = await engineer.EvaluateAsync(new EvaluationRequest { Proposal = Proposal, Artifact = artifact, Profile = TrainingProfiles.Smoke, Seed = 4 });

        Assert.True(result.Succeeded);
        Assert.Equal("fixed", result.FinalArtifact.Source.Code);
        Assert.Single(result.Attempts);
        Assert.Equal(2, trainer.Requests.Count);
        Assert.All(trainer.Requests, r => Assert.Equal(4, r.Seed));
    }

    [Fact]
    public async Task EvaluateAsync_TrainingFailsWithNoRepairer_ReturnsFailureAndTheTrainingResult()
    {
        var trainer = new CallbackTrainer(_ => new TrainingResult { Failure = new ExperimentFailure(FailureKind.NonFinite, "nan loss") });
        var engineer = new Engineer(new CallbackArtifactBuilder(CallbackArtifactBuilder.Ok), new CallbackProber(CallbackProber.Passing), trainer);
        var artifact = CallbackArtifactBuilder.Ok(Proposal.Source).Artifact!;

        var result = await engineer.EvaluateAsync(new EvaluationRequest { Proposal = Proposal, Artifact = artifact, Profile = TrainingProfiles.Smoke });

        Assert.False(result.Succeeded);
        Assert.Equal(FailureKind.NonFinite, result.Failure!.Kind);
        Assert.Same(artifact, result.FinalArtifact);
        Assert.Single(result.Attempts);
    }

    [Fact]
    public async Task ImplementAsync_Cancelled_Throws()
    {
        var engineer = new Engineer(new CallbackArtifactBuilder(CallbackArtifactBuilder.Ok), new CallbackProber(CallbackProber.Passing), new CallbackTrainer(_ => new TrainingResult()));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engineer.ImplementAsync(Request, cts.Token));
    }
}
