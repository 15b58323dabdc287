namespace AsiArch.Sdk.Discovery.Events;

/// <summary>The experiment reached Done.</summary>
public sealed record ExperimentCompletedEvent : DiscoveryEvent
{
    /// <summary>The committed record.</summary>
    public required ExperimentRecord Experiment { get; init; }
}
