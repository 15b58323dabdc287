using Xunit;

namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="IEngineer"/> must show: a valid proposal becomes an artifact, broken code comes back
/// as a typed <see cref="FailureKind.CompileError"/> (not an exception), evaluation measures every benchmark of the
/// profile, cancellation is honoured and concurrent use is safe. Derive and implement <see cref="CreateEngineer"/>.
/// </summary>
public abstract class EngineerConformanceTests
{
    /// <summary>A new engineer for one test.</summary>
    protected abstract IEngineer CreateEngineer();

    /// <summary>The profile implemented and trained on (default: <see cref="RoleSamples.Profile"/>).</summary>
    protected virtual TrainingProfile Profile => RoleSamples.Profile;

    /// <summary>A proposal the engineer must accept (default: <see cref="RoleSamples.ValidProposal"/>).</summary>
    protected virtual Proposal ValidProposal => RoleSamples.ValidProposal;

    /// <summary>A proposal that does not compile (default: <see cref="RoleSamples.UncompilableProposal"/>).</summary>
    protected virtual Proposal UncompilableProposal => RoleSamples.UncompilableProposal;

    /// <summary>A valid proposal gives an artifact with bytes and a type name.</summary>
    [Fact]
    public async Task ImplementAsync_ValidProposal_ReturnsArtifact()
    {
        var result = await CreateEngineer().ImplementAsync(Request(ValidProposal));

        Assert.True(result.Succeeded, $"A valid proposal failed: {result.Failure}");
        Assert.NotNull(result.Artifact);
        Assert.NotEmpty(result.Artifact.Assembly);
        ConformanceAssert.NotBlank(result.Artifact.TypeName, "CandidateArtifact.TypeName");
        Assert.NotNull(result.FinalSource);
        Assert.Null(result.Failure);
    }

    /// <summary>Code that does not compile is a typed failure with diagnostics, never an exception.</summary>
    [Fact]
    public async Task ImplementAsync_UncompilableProposal_ReturnsTypedCompileFailure()
    {
        var result = await CreateEngineer().ImplementAsync(Request(UncompilableProposal));

        Assert.False(result.Succeeded);
        Assert.Null(result.Artifact);
        Assert.NotNull(result.Failure);
        Assert.Equal(FailureKind.CompileError, result.Failure.Kind);
        ConformanceAssert.NotBlank(result.Failure.Message, "ExperimentFailure.Message");
        Assert.NotNull(result.FinalSource);
    }

    /// <summary>A cancelled token stops the implementation.</summary>
    [Fact]
    public Task ImplementAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var engineer = CreateEngineer();
        var request = Request(ValidProposal);
        return ConformanceAssert.ThrowsWhenCancelledAsync(ct => engineer.ImplementAsync(request, ct));
    }

    /// <summary>A null request is a contract violation.</summary>
    [Fact]
    public async Task ImplementAsync_NullRequest_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => CreateEngineer().ImplementAsync(null!));
    }

    /// <summary>Evaluating the implemented artifact measures every benchmark of the profile, in order.</summary>
    [Fact]
    public async Task EvaluateAsync_ImplementedArtifact_MeasuresEveryBenchmark()
    {
        var engineer = CreateEngineer();
        var implemented = await engineer.ImplementAsync(Request(ValidProposal));
        Assert.True(implemented.Succeeded, $"A valid proposal failed: {implemented.Failure}");

        var evaluation = await engineer.EvaluateAsync(Evaluation(implemented.Artifact!));

        Assert.True(evaluation.Succeeded, $"Evaluation failed: {evaluation.Failure}");
        Assert.NotNull(evaluation.FinalArtifact);
        Assert.Equal(Profile.Benchmarks.Select(b => b.Name), evaluation.Training!.Tasks.Select(t => t.Task));
        Assert.All(evaluation.Training.Tasks, t => Assert.True(t.ValidationLoss is { } loss && double.IsFinite(loss), $"Task {t.Task} has no finite validation loss."));
    }

    /// <summary>A cancelled token stops the evaluation.</summary>
    [Fact]
    public async Task EvaluateAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var engineer = CreateEngineer();
        var implemented = await engineer.ImplementAsync(Request(ValidProposal));
        Assert.True(implemented.Succeeded, $"A valid proposal failed: {implemented.Failure}");
        var request = Evaluation(implemented.Artifact!);

        await ConformanceAssert.ThrowsWhenCancelledAsync(ct => engineer.EvaluateAsync(request, null, ct));
    }

    /// <summary>A null request is a contract violation.</summary>
    [Fact]
    public async Task EvaluateAsync_NullRequest_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => CreateEngineer().EvaluateAsync(null!));
    }

    /// <summary>One engineer implements several proposals at once.</summary>
    [Fact]
    public async Task ImplementAsync_ConcurrentCalls_AllSucceed()
    {
        var engineer = CreateEngineer();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => engineer.ImplementAsync(Request(ValidProposal) with { Seed = i }))));

        Assert.All(results, r => Assert.True(r.Succeeded, $"A concurrent implementation failed: {r.Failure}"));
    }

    private ImplementationRequest Request(Proposal proposal) => new() { Proposal = proposal, Profile = Profile, Seed = 3, ExperimentIndex = 9 };

    private EvaluationRequest Evaluation(CandidateArtifact artifact) => new()
    {
        Proposal = ValidProposal,
        Artifact = artifact,
        Profile = Profile,
        Seed = 3,
        ExperimentIndex = 9,
        Threads = 1,
    };
}
