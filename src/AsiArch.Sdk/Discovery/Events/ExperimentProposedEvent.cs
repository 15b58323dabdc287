namespace AsiArch.Sdk.Discovery.Events;

/// <summary>A proposal (or a seed or baseline) was stored in the Proposed state.</summary>
public sealed record ExperimentProposedEvent : DiscoveryEvent
{
    /// <summary>The committed record.</summary>
    public required ExperimentRecord Experiment { get; init; }
}
