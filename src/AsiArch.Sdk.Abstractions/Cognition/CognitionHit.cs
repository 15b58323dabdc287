namespace AsiArch.Sdk;

/// <summary>A retrieved cognition entry and its relevance score (higher is more relevant).</summary>
public sealed record CognitionHit
{
    /// <summary>The entry.</summary>
    public required CognitionEntry Entry { get; init; }

    /// <summary>Relevance; comparable within one search only.</summary>
    public double Score { get; init; }
}
