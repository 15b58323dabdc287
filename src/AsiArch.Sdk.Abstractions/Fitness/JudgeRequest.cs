namespace AsiArch.Sdk;

/// <summary>What a quality judge sees.</summary>
public sealed record JudgeRequest
{
    /// <summary>The evaluated experiment (with its training result and probes).</summary>
    public required ExperimentRecord Experiment { get; init; }

    /// <summary>The human baselines measured on the same profile.</summary>
    public IReadOnlyList<ExperimentRecord> Baselines { get; init; } = [];

    /// <summary>The nearest earlier designs, for the innovation score.</summary>
    public IReadOnlyList<ExperimentRecord> Neighbors { get; init; } = [];
}
