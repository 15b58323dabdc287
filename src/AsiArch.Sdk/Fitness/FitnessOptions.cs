using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Fitness;

/// <summary>
/// Settings of <see cref="AsiArchFitnessScorer"/>, bound from <c>AsiArch:Loop:Fitness</c>. The defaults are ASI-ARCH's
/// formula (DESIGN.md §7).
/// </summary>
public sealed class FitnessOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AsiArch:Loop:Fitness";

    /// <summary>Relative improvement that saturates a component (ASI-ARCH: 10%).</summary>
    [Range(1e-6, 10)]
    public double ImprovementScale { get; set; } = 0.10;

    /// <summary>Sigmoid steepness at saturation (ASI-ARCH: 6, so +10% maps to σ(6) = 0.99753).</summary>
    [Range(1e-6, 100)]
    public double Steepness { get; set; } = 6.0;

    /// <summary>A loss this far below the baseline (relative) is flagged as possible leakage.</summary>
    [Range(0, 10)]
    public double LeakageThreshold { get; set; } = 0.10;

    /// <summary>Weight of the judge's performance sub-score.</summary>
    [Range(0, 1)]
    public double PerformanceWeight { get; set; } = 0.30;

    /// <summary>Weight of the judge's innovation sub-score.</summary>
    [Range(0, 1)]
    public double InnovationWeight { get; set; } = 0.25;

    /// <summary>Weight of the judge's complexity sub-score.</summary>
    [Range(0, 1)]
    public double ComplexityWeight { get; set; } = 0.45;

    /// <summary>Metric used for a task without an entry in <see cref="PrimaryMetrics"/>.</summary>
    [Required]
    public string DefaultPrimaryMetric { get; set; } = "accuracy";

    /// <summary>The primary metric by task name (higher is better), e.g. <c>mqar = accuracy</c>.</summary>
    public Dictionary<string, string> PrimaryMetrics { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A C# expression over <see cref="FitnessGlobals"/> that replaces the total, e.g.
    /// <c>LossComponent + 2 * BenchmarkComponent</c>. Compiled once; a bad expression fails at start-up.
    /// </summary>
    public string? Formula { get; set; }

    /// <summary>
    /// A C# boolean expression over <see cref="FitnessGlobals"/> that a candidate must pass to enter the candidate pool,
    /// e.g. ASI-ARCH's <c>Math.Abs(RelativeLoss) &lt; 0.10 &amp;&amp; RelativeBenchmark &gt; -0.10</c>.
    /// </summary>
    public string? CandidateFilter { get; set; }

    /// <summary>The primary metric of a task.</summary>
    public string PrimaryMetricOf(string task) =>
        PrimaryMetrics.TryGetValue(task, out var metric) && !string.IsNullOrWhiteSpace(metric) ? metric : DefaultPrimaryMetric;
}
