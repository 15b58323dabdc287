namespace AsiArch.Sdk;

/// <summary>One round of the engineer's repair loop: the failure it met and the source it tried next.</summary>
public sealed record RepairAttempt
{
    /// <summary>1-based attempt number.</summary>
    public int Number { get; init; }

    /// <summary>The failure that triggered the repair.</summary>
    public required ExperimentFailure Failure { get; init; }

    /// <summary>Hash of the source that failed.</summary>
    public required string FailedSourceHash { get; init; }

    /// <summary>The repaired source, or null when the repairer gave up.</summary>
    public CandidateSource? RepairedSource { get; init; }

    /// <summary>Model tokens spent on the repair.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.Zero;
}
