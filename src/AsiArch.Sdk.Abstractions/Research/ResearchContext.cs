namespace AsiArch.Sdk;

/// <summary>What a researcher sees when it proposes: sampled experiments, baselines, retrieved cognition.</summary>
public sealed record ResearchContext
{
    /// <summary>Index the proposal will get in the experiment store, when known.</summary>
    public long? ExperimentIndex { get; init; }

    /// <summary>The parent, sampled from the top of the candidate pool; its source is the starting point.</summary>
    public ExperimentRecord? Parent { get; init; }

    /// <summary>Reference experiments sampled from lower in the pool.</summary>
    public IReadOnlyList<ExperimentRecord> References { get; init; } = [];

    /// <summary>Human baselines measured on the run's profile.</summary>
    public IReadOnlyList<ExperimentRecord> Baselines { get; init; } = [];

    /// <summary>Knowledge retrieved for the parent's observed results.</summary>
    public IReadOnlyList<CognitionHit> Cognition { get; init; } = [];

    /// <summary>Proposals of this round already rejected as duplicates (re-plan in an orthogonal direction).</summary>
    public IReadOnlyList<RejectedProposal> Rejected { get; init; } = [];

    /// <summary>Seed for any randomness in the researcher, so a run is reproducible.</summary>
    public int Seed { get; init; }

    /// <summary>Name of the training profile the proposal will be trained on.</summary>
    public string? ProfileName { get; init; }

    /// <summary>Extra data.</summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; init; }
}
