namespace AsiArch.Sdk.Discovery.Events;

/// <summary>The experiment reached Failed; the record holds the typed failure.</summary>
public sealed record ExperimentFailedEvent : DiscoveryEvent
{
    /// <summary>The committed record.</summary>
    public required ExperimentRecord Experiment { get; init; }
}
