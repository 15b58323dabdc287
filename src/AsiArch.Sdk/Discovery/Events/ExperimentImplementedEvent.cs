namespace AsiArch.Sdk.Discovery.Events;

/// <summary>The experiment compiled, passed the gate and the probes (Validated).</summary>
public sealed record ExperimentImplementedEvent : DiscoveryEvent
{
    /// <summary>The committed record.</summary>
    public required ExperimentRecord Experiment { get; init; }
}
