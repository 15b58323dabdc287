namespace AsiArch.Sdk;

/// <summary>What a benchmark measures and how its primary metric is read.</summary>
public sealed record BenchmarkDescriptor
{
    /// <summary>Registered name, e.g. <c>mqar</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One-sentence description for reports and prompts (what capability it probes).</summary>
    public required string Description { get; init; }

    /// <summary>The metric that feeds the benchmark term of the fitness, e.g. <c>accuracy</c>.</summary>
    public string PrimaryMetric { get; init; } = "accuracy";

    /// <summary>True when a larger primary metric is better.</summary>
    public bool HigherIsBetter { get; init; } = true;
}
