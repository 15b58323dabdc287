namespace AsiArch.Sdk.Discovery.Events;

/// <summary>A progress report of a running training.</summary>
public sealed record TrainingProgressEvent : DiscoveryEvent
{
    /// <summary>The experiment being trained.</summary>
    public required long ExperimentIndex { get; init; }

    /// <summary>The report.</summary>
    public required TrainingProgress Progress { get; init; }
}
