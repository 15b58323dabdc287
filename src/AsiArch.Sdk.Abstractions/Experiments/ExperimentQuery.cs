namespace AsiArch.Sdk;

/// <summary>A filter over experiments. Empty filters match everything.</summary>
public sealed record ExperimentQuery
{
    /// <summary>Only these statuses.</summary>
    public IReadOnlyList<ExperimentStatus>? Statuses { get; init; }

    /// <summary>Only these kinds.</summary>
    public IReadOnlyList<ExperimentKind>? Kinds { get; init; }

    /// <summary>Only experiments trained on this profile.</summary>
    public string? ProfileName { get; init; }

    /// <summary>Only experiments with a fitness score.</summary>
    public bool ScoredOnly { get; init; }

    /// <summary>Sort order.</summary>
    public ExperimentOrder OrderBy { get; init; } = ExperimentOrder.IndexAscending;

    /// <summary>Rows to skip.</summary>
    public int Skip { get; init; }

    /// <summary>Maximum rows; null for all.</summary>
    public int? Take { get; init; }
}
