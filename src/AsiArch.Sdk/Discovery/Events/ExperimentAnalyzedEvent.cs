namespace AsiArch.Sdk.Discovery.Events;

/// <summary>The analyst's report was stored (Analyzed).</summary>
public sealed record ExperimentAnalyzedEvent : DiscoveryEvent
{
    /// <summary>The committed record.</summary>
    public required ExperimentRecord Experiment { get; init; }
}
