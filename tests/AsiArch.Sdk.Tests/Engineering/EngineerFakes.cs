using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Tests.Engineering;

internal sealed class CallbackArtifactBuilder(Func<CandidateSource, ArtifactBuildResult> build) : IArtifactBuilder
{
    public List<CandidateSource> Built { get; } = [];

    public ArtifactBuildResult Build(CandidateSource source)
    {
        Built.Add(source);
        return build(source);
    }

    public static ArtifactBuildResult Ok(CandidateSource source) => new()
    {
        Artifact = new CandidateArtifact { Source = source, Assembly = [1, 2, 3], TypeName = "M" },
    };

    public static ArtifactBuildResult Fail(FailureKind kind, string message) => new() { Failure = new ExperimentFailure(kind, message) };
}

internal sealed class CallbackProber(Func<CandidateArtifact, WorkerOutcome> probe) : ICandidateProber
{
    public int Calls { get; private set; }

    public Task<WorkerOutcome> ProbeAsync(CandidateArtifact artifact, TrainingProfile profile, int seed, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult(probe(artifact));
    }

    public static WorkerOutcome Passing(CandidateArtifact _) =>
        new() { Probes = new ProbeReport { Causal = true, ComplexityExponent = 1.0, Parameters = 10 }, Sandbox = SandboxLevel.OsSandbox };
}

internal sealed class CallbackTrainer(Func<TrainingRequest, TrainingResult> train) : ITrainer
{
    public List<TrainingRequest> Requests { get; } = [];

    public Task<TrainingResult> TrainAsync(TrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        return Task.FromResult(train(request));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
}

internal sealed class CallbackRepairer(Func<RepairRequest, RepairResult> repair) : ICodeRepairer
{
    public List<RepairRequest> Requests { get; } = [];

    public Task<RepairResult> RepairAsync(RepairRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        return Task.FromResult(repair(request));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
}
