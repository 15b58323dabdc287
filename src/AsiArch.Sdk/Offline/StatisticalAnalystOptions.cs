using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Offline;

/// <summary>Settings of <see cref="StatisticalAnalyst"/>.</summary>
public sealed class StatisticalAnalystOptions
{
    /// <summary>Confidence level of every interval.</summary>
    [Range(0.5, 0.999)]
    public double ConfidenceLevel { get; set; } = 0.95;

    /// <summary>
    /// Evidence threshold for storing an experiment-derived insight: at least this many scored experiments in the
    /// population ...
    /// </summary>
    [Range(3, 100000)]
    public int MinPopulationForInsight { get; set; } = 8;

    /// <summary>... at least this many with and without the design feature ...</summary>
    [Range(2, 100000)]
    public int MinGroupSize { get; set; } = 3;

    /// <summary>... and an effect of at least this many fitness points (0-3 scale) whose interval excludes zero.</summary>
    [Range(0.0, 3.0)]
    public double MinEffect { get; set; } = 0.05;

    /// <summary>Ridge penalty of the population regression (keeps collinear design features estimable).</summary>
    [Range(0.0, 100.0)]
    public double RidgeLambda { get; set; } = 1e-3;
}
