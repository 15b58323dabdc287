namespace AsiArch.Sdk;

/// <summary>What an analyst sees: the experiment and its ablation context.</summary>
public sealed record AnalysisRequest
{
    /// <summary>The evaluated experiment.</summary>
    public required ExperimentRecord Experiment { get; init; }

    /// <summary>Its parent.</summary>
    public ExperimentRecord? Parent { get; init; }

    /// <summary>Its grandparent.</summary>
    public ExperimentRecord? Grandparent { get; init; }

    /// <summary>Up to two siblings (other children of the parent).</summary>
    public IReadOnlyList<ExperimentRecord> Siblings { get; init; } = [];

    /// <summary>Human baselines on the same profile.</summary>
    public IReadOnlyList<ExperimentRecord> Baselines { get; init; } = [];

    /// <summary>Cognition retrieved for the observed results.</summary>
    public IReadOnlyList<CognitionHit> Cognition { get; init; } = [];

    /// <summary>Every evaluated experiment of the run so far, for population statistics (may be empty).</summary>
    public IReadOnlyList<ExperimentRecord> Population { get; init; } = [];
}
