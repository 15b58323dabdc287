namespace AsiArch.Sdk.Reporting;

/// <summary>Computes a <see cref="RunReport"/> from an experiment store (read-only).</summary>
public sealed class RunReportBuilder
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a builder.</summary>
    /// <param name="timeProvider">The clock for <see cref="RunReport.GeneratedAt"/>; the system clock when null.</param>
    public RunReportBuilder(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Reads every experiment and promotion outcome of <paramref name="store"/> and builds the report.</summary>
    /// <param name="store">The run's store.</param>
    /// <param name="options">What to include.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<RunReport> BuildAsync(IExperimentStore store, RunReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new RunReportOptions();
        var experiments = await store.QueryAsync(
            new ExperimentQuery { ProfileName = options.ProfileName, OrderBy = ExperimentOrder.IndexAscending }, cancellationToken).ConfigureAwait(false);
        var promotions = await PromotionOutcomeReader.ReadAsync(store, experiments, cancellationToken).ConfigureAwait(false);
        return Build(experiments, promotions, options);
    }

    /// <summary>Builds the report from records already read.</summary>
    /// <param name="experiments">The run's experiments.</param>
    /// <param name="promotions">Verification outcomes.</param>
    /// <param name="options">What to include.</param>
    public RunReport Build(IReadOnlyList<ExperimentRecord> experiments, IReadOnlyList<PromotionSummary> promotions, RunReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        ArgumentNullException.ThrowIfNull(promotions);
        options ??= new RunReportOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.LeaderboardSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ComponentTopCount);
        var ordered = experiments.OrderBy(e => e.Index).ToList();
        var curve = DiscoveryCurveCalculator.Compute(ordered, promotions);
        var discoveries = promotions.Count(p => p.IsDiscovery);
        var seconds = ordered.Sum(e => Math.Max(0, e.Costs.ComputeSeconds));
        return new RunReport
        {
            Title = options.Title,
            GeneratedAt = _timeProvider.GetUtcNow(),
            Source = options.Source,
            Experiments = ordered,
            Leaderboard = ordered
                .Where(e => e.Score is not null)
                .OrderByDescending(e => e.Score)
                .ThenBy(e => e.Index)
                .Take(options.LeaderboardSize)
                .ToList(),
            Promotions = promotions,
            Discovery = curve,
            Components = DesignComponentAnalyzer.Analyze(ordered, options.ComponentTopCount),
            ComponentTopCount = options.ComponentTopCount,
            FailureCounts = ordered
                .Where(e => e.Status == ExperimentStatus.Failed && e.Failure is not null)
                .GroupBy(e => e.Failure!.Kind)
                .Select(g => new KeyValuePair<FailureKind, int>(g.Key, g.Count()))
                .OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key)
                .ToList(),
            Lineage = LineageLayout.Create(ordered),
            Totals = new RunCostSummary
            {
                Experiments = ordered.Count,
                Scored = ordered.Count(e => e.Score is not null),
                Failed = ordered.Count(e => e.Status == ExperimentStatus.Failed),
                ComputeSeconds = seconds,
                InputTokens = ordered.Sum(e => e.Costs.Usage.InputTokens),
                OutputTokens = ordered.Sum(e => e.Costs.Usage.OutputTokens),
                Cost = ordered.Sum(e => e.Costs.Usage.Cost),
                ComputeHoursPerDiscovery = discoveries == 0 ? null : seconds / 3600.0 / discoveries,
            },
        };
    }
}
