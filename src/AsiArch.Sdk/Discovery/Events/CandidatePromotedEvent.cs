namespace AsiArch.Sdk.Discovery.Events;

/// <summary>A candidate finished the verification stage.</summary>
public sealed record CandidatePromotedEvent : DiscoveryEvent
{
    /// <summary>The outcome, with the significance test.</summary>
    public required PromotionOutcome Outcome { get; init; }
}
