namespace AsiArch.Sdk.Discovery.Events;

/// <summary>The experiment was trained, benchmarked and scored (Evaluated).</summary>
public sealed record ExperimentEvaluatedEvent : DiscoveryEvent
{
    /// <summary>The committed record.</summary>
    public required ExperimentRecord Experiment { get; init; }
}
