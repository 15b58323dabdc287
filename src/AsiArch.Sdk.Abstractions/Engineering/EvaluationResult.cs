namespace AsiArch.Sdk;

/// <summary>The outcome of training and benchmarking, with any repairs made on the way.</summary>
public sealed record EvaluationResult
{
    /// <summary>True when training finished with finite metrics.</summary>
    public bool Succeeded => Failure is null && Training is not null;

    /// <summary>Measured results, when training finished.</summary>
    public TrainingResult? Training { get; init; }

    /// <summary>The artifact that was finally trained (differs from the request's when repaired).</summary>
    public required CandidateArtifact FinalArtifact { get; init; }

    /// <summary>Why it failed, after all repair attempts.</summary>
    public ExperimentFailure? Failure { get; init; }

    /// <summary>Repair rounds made because training failed.</summary>
    public IReadOnlyList<RepairAttempt> Attempts { get; init; } = [];
}
