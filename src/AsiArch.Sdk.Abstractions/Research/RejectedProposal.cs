namespace AsiArch.Sdk;

/// <summary>An earlier proposal of the same round that was turned down as a duplicate; the researcher re-plans away from it.</summary>
public sealed record RejectedProposal
{
    /// <summary>The proposal that was rejected.</summary>
    public required Proposal Proposal { get; init; }

    /// <summary>The verdict that rejected it, with the earlier experiments it repeats.</summary>
    public required NoveltyVerdict Verdict { get; init; }
}
