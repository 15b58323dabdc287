namespace AsiArch.Sdk;

/// <summary>Asks an engineer to train a validated artifact and run the benchmarks, repairing runtime failures.</summary>
public sealed record EvaluationRequest
{
    /// <summary>The proposal (its motivation must survive repairs).</summary>
    public required Proposal Proposal { get; init; }

    /// <summary>The artifact from <see cref="IEngineer.ImplementAsync"/>.</summary>
    public required CandidateArtifact Artifact { get; init; }

    /// <summary>The training profile.</summary>
    public required TrainingProfile Profile { get; init; }

    /// <summary>Training seed.</summary>
    public int Seed { get; init; }

    /// <summary>The experiment this belongs to, when stored.</summary>
    public long? ExperimentIndex { get; init; }

    /// <summary>Torch intra-op threads for the training slot; null means all cores for one job.</summary>
    public int? Threads { get; init; }
}
