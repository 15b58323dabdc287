namespace AsiArch.Sdk.Reporting;

/// <summary>One experiment placed in the lineage tree layout.</summary>
public sealed record LineageNode
{
    /// <summary>The experiment.</summary>
    public required long Index { get; init; }

    /// <summary>Its parent when the parent is in the run; null for a root.</summary>
    public long? Parent { get; init; }

    /// <summary>Its name (untrusted text: escape before rendering).</summary>
    public required string Name { get; init; }

    /// <summary>Distance from its root.</summary>
    public required int Depth { get; init; }

    /// <summary>Horizontal slot (leaves take consecutive slots; a parent sits at the middle of its children).</summary>
    public required double Slot { get; init; }

    /// <summary>Fitness total, when scored.</summary>
    public double? Score { get; init; }

    /// <summary>Lifecycle state.</summary>
    public ExperimentStatus Status { get; init; }

    /// <summary>Seed, baseline, candidate or promotion.</summary>
    public ExperimentKind Kind { get; init; }
}
