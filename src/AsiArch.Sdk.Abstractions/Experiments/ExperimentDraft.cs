namespace AsiArch.Sdk;

/// <summary>A new experiment before the store allocates its index.</summary>
public sealed record ExperimentDraft
{
    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Parent index, when it has one.</summary>
    public long? Parent { get; init; }

    /// <summary>Kind.</summary>
    public ExperimentKind Kind { get; init; } = ExperimentKind.Candidate;

    /// <summary>Motivation.</summary>
    public string Motivation { get; init; } = "";

    /// <summary>Full source.</summary>
    public string Program { get; init; } = "";

    /// <summary>Machine-readable design.</summary>
    public string? DesignSpec { get; init; }

    /// <summary>Profile to train on.</summary>
    public string? ProfileName { get; init; }

    /// <summary>Training seed.</summary>
    public int Seed { get; init; }

    /// <summary>Costs already spent producing it (the proposal's tokens).</summary>
    public ExperimentCosts Costs { get; init; } = ExperimentCosts.None;

    /// <summary>Extra data.</summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; init; }
}
