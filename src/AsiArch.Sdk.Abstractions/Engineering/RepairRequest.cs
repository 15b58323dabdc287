namespace AsiArch.Sdk;

/// <summary>What a code repairer gets: the motivation to preserve, the failing source and the failure.</summary>
public sealed record RepairRequest
{
    /// <summary>The proposal; its motivation (the innovation) must be preserved by the fix.</summary>
    public required Proposal Proposal { get; init; }

    /// <summary>The source that failed.</summary>
    public required CandidateSource Source { get; init; }

    /// <summary>The failure: compiler diagnostics, gate violations, probe results or a runtime error with its frame.</summary>
    public required ExperimentFailure Failure { get; init; }

    /// <summary>1-based number of this repair attempt.</summary>
    public int AttemptNumber { get; init; } = 1;

    /// <summary>Earlier attempts for the same proposal.</summary>
    public IReadOnlyList<RepairAttempt> PreviousAttempts { get; init; } = [];

    /// <summary>The experiment being repaired, when known (model interactions are recorded against it).</summary>
    public long? ExperimentIndex { get; init; }
}
