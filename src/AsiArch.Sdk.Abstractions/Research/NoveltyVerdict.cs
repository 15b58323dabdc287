namespace AsiArch.Sdk;

/// <summary>Whether a proposal repeats earlier experiments.</summary>
public sealed record NoveltyVerdict
{
    /// <summary>A verdict that the proposal is new.</summary>
    public static NoveltyVerdict Novel(string reason = "No earlier experiment makes the same change.") =>
        new() { IsDuplicate = false, Reason = reason };

    /// <summary>True when the proposal repeats an earlier design (same problem, approach and contribution).</summary>
    public bool IsDuplicate { get; init; }

    /// <summary>Indexes of the earlier experiments it repeats.</summary>
    public IReadOnlyList<long> SimilarTo { get; init; } = [];

    /// <summary>Why.</summary>
    public string Reason { get; init; } = "";

    /// <summary>Model tokens spent on the check.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.Zero;
}
