namespace AsiArch.Sdk;

/// <summary>A repairer's answer: a fixed source, or none when it gives up.</summary>
public sealed record RepairResult
{
    /// <summary>A result that gives up.</summary>
    public static RepairResult GiveUp(string reason) => new() { Notes = reason };

    /// <summary>The fixed source, or null to give up.</summary>
    public CandidateSource? Source { get; init; }

    /// <summary>What was changed, or why it gave up.</summary>
    public string Notes { get; init; } = "";

    /// <summary>Model tokens spent.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.Zero;
}
