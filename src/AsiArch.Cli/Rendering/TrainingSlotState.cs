using AsiArch.Sdk;

namespace AsiArch.Cli.Rendering;

/// <summary>One experiment in flight: its name, stage and latest training progress.</summary>
public sealed record TrainingSlotState
{
    /// <summary>The experiment.</summary>
    public required long Index { get; init; }

    /// <summary>Its name (untrusted text).</summary>
    public required string Name { get; init; }

    /// <summary>Seed, baseline, candidate or promotion.</summary>
    public ExperimentKind Kind { get; init; }

    /// <summary>Lifecycle stage, or the trainer's own stage while training.</summary>
    public required string Stage { get; init; }

    /// <summary>The last progress report while training.</summary>
    public TrainingProgress? Progress { get; init; }
}
