namespace AsiArch.Sdk.Reporting;

/// <summary>What a run spent and produced in total.</summary>
public sealed record RunCostSummary
{
    /// <summary>Experiments of every kind and status.</summary>
    public int Experiments { get; init; }

    /// <summary>Experiments with a fitness score.</summary>
    public int Scored { get; init; }

    /// <summary>Experiments that ended Failed.</summary>
    public int Failed { get; init; }

    /// <summary>Training and probing compute, in seconds.</summary>
    public double ComputeSeconds { get; init; }

    /// <summary>Model input tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Model output tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Model cost in the currency of the configured price table.</summary>
    public decimal Cost { get; init; }

    /// <summary>Compute hours per verified discovery (null without a discovery).</summary>
    public double? ComputeHoursPerDiscovery { get; init; }

    /// <summary>Compute hours.</summary>
    public double ComputeHours => ComputeSeconds / 3600.0;
}
