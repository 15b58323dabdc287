namespace AsiArch.Sdk.Reporting;

/// <summary>Everything a research report shows, computed from one run's experiment store.</summary>
public sealed record RunReport
{
    /// <summary>Report title.</summary>
    public required string Title { get; init; }

    /// <summary>When the report was generated.</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Where the data came from (e.g. the database path), for the reader.</summary>
    public string? Source { get; init; }

    /// <summary>Every experiment, by index.</summary>
    public IReadOnlyList<ExperimentRecord> Experiments { get; init; } = [];

    /// <summary>Scored experiments, best first (at most <see cref="RunReportOptions.LeaderboardSize"/>).</summary>
    public IReadOnlyList<ExperimentRecord> Leaderboard { get; init; } = [];

    /// <summary>The verification outcomes of promoted candidates.</summary>
    public IReadOnlyList<PromotionSummary> Promotions { get; init; } = [];

    /// <summary>The discovery curve with its trends.</summary>
    public required DiscoveryCurve Discovery { get; init; }

    /// <summary>Design components of the best candidates against the rest.</summary>
    public IReadOnlyList<ComponentUsage> Components { get; init; } = [];

    /// <summary>How many of the best candidates formed the top group of <see cref="Components"/>.</summary>
    public int ComponentTopCount { get; init; }

    /// <summary>Failed experiments by failure kind, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<FailureKind, int>> FailureCounts { get; init; } = [];

    /// <summary>The lineage tree layout.</summary>
    public required LineageLayout Lineage { get; init; }

    /// <summary>Totals.</summary>
    public required RunCostSummary Totals { get; init; }
}
