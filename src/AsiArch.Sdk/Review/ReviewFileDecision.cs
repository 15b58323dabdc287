namespace AsiArch.Sdk.Review;

/// <summary>What a decision file says: a decision and a note, still pending, or a line that is not a decision.</summary>
public sealed record ReviewFileDecision
{
    /// <summary>The decision, or null while pending or unreadable.</summary>
    public ReviewDecision? Decision { get; init; }

    /// <summary>The note under the decision line.</summary>
    public string Note { get; init; } = "";

    /// <summary>Why the file could not be read as a decision, or null.</summary>
    public string? Problem { get; init; }
}
