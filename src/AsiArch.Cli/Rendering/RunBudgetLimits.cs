namespace AsiArch.Cli.Rendering;

/// <summary>The budgets a run was started with, shown next to what has been used (null: no limit).</summary>
public sealed record RunBudgetLimits
{
    /// <summary>Experiment budget.</summary>
    public int? MaxExperiments { get; init; }

    /// <summary>Wall-clock budget.</summary>
    public TimeSpan? MaxWallTime { get; init; }

    /// <summary>Compute budget in hours.</summary>
    public double? MaxComputeHours { get; init; }

    /// <summary>Model token budget.</summary>
    public long? MaxTokens { get; init; }

    /// <summary>Model spending budget.</summary>
    public decimal? MaxCost { get; init; }
}
