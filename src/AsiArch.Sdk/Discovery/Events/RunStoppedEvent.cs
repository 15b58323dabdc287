namespace AsiArch.Sdk.Discovery.Events;

/// <summary>The run stopped; the last event of a run that was not aborted.</summary>
public sealed record RunStoppedEvent : DiscoveryEvent
{
    /// <summary>Why.</summary>
    public required StopReason Reason { get; init; }
}
