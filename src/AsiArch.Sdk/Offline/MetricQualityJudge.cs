using System.Globalization;

namespace AsiArch.Sdk.Offline;

/// <summary>
/// The offline judge: ASI-ARCH's three 1-10 sub-scores computed from measurements instead of a model's opinion.
/// <list type="bullet">
/// <item><b>Performance</b>: r = mean over tasks of the direction-adjusted relative difference of the headline metric
/// from the baselines' mean; 5.5 + 4.5·clip(r / 0.10, −1, 1). Anchors: 10% worse than the baselines = 1, on par = 5.5,
/// 10% better = 10.</item>
/// <item><b>Innovation</b>: d = genome distance (<see cref="LinearAttentionGenome.DistanceTo"/>) to the nearest earlier
/// design among the neighbours (source-token Jaccard distance when either has no genome); 1 + 9·min(1, d / 0.4).
/// Anchors: identical = 1, one minor gene (a convolution) ≈ 1.6, a new update rule ≈ 4.5, rule + feature map + window
/// ≥ 9. No neighbour to compare with = 8.</item>
/// <item><b>Complexity</b> from the measured exponent e and the throughput ratio ρ against the baselines' mean
/// (training tokens/s, else probe step time): e ≥ 1.8 (quadratic) → 1-3; 1.3 ≤ e &lt; 1.8 → 3-6; e &lt; 1.3 (linear)
/// → 6 + 3·(ρ − 0.25)/0.75 clamped to 6-9 (linear with overhead 6-7, linear and as fast as the baselines 8-9), up to
/// 10 when ρ ≥ 2. No exponent: 4 + 3·clip(ρ, 0, 1) (at most 7, since linearity is unproven); nothing measured: 5.</item>
/// </list>
/// </summary>
public sealed class MetricQualityJudge : IQualityJudge
{
    /// <inheritdoc />
    public Task<QualityJudgement> JudgeAsync(JudgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var (performance, performanceWhy) = Performance(request.Experiment, request.Baselines);
        var (innovation, innovationWhy) = Innovation(request.Experiment, request.Neighbors);
        var (complexity, complexityWhy) = Complexity(request.Experiment, request.Baselines);
        return Task.FromResult(new QualityJudgement
        {
            Performance = performance,
            Innovation = innovation,
            Complexity = complexity,
            Reason = $"Performance {F(performance)}: {performanceWhy} Innovation {F(innovation)}: {innovationWhy} Complexity {F(complexity)}: {complexityWhy}",
        });
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    /// <summary>The performance sub-score and why.</summary>
    public static (double Score, string Reason) Performance(ExperimentRecord experiment, IReadOnlyList<ExperimentRecord> baselines)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(baselines);
        var relatives = new List<string>();
        var deltas = new List<double>();
        foreach (var task in experiment.Result?.Tasks ?? [])
        {
            if (ParentEvidence.MainMetric(task) is not { } mine)
            {
                continue;
            }

            var theirs = baselines.Select(b => b.Result?.GetTask(task.Task)).OfType<TaskResult>()
                .Select(ParentEvidence.MainMetric).Where(m => m is { } x && x.Metric == mine.Metric).Select(m => m!.Value.Value).ToList();
            if (theirs.Count == 0)
            {
                continue;
            }

            var mean = theirs.Average();
            if (mean == 0)
            {
                continue;
            }

            var rel = (mine.Value - mean) / Math.Abs(mean) * (mine.HigherIsBetter ? 1 : -1);
            deltas.Add(rel);
            relatives.Add($"{task.Task} {mine.Metric} {F3(mine.Value)} vs baseline mean {F3(mean)} ({(rel >= 0 ? "+" : "")}{(100 * rel).ToString("0.0", CultureInfo.InvariantCulture)}%)");
        }

        if (deltas.Count == 0)
        {
            return (1, "no task result comparable with a baseline (1 = no evidence of performance).");
        }

        var r = deltas.Average();
        return (5.5 + (4.5 * Math.Clamp(r / 0.10, -1, 1)), string.Join("; ", relatives) + ".");
    }

    /// <summary>The innovation sub-score and why.</summary>
    public static (double Score, string Reason) Innovation(ExperimentRecord experiment, IReadOnlyList<ExperimentRecord> neighbors)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(neighbors);
        var others = neighbors.Where(n => n.Index != experiment.Index).ToList();
        if (others.Count == 0)
        {
            return (8, "no earlier design to compare with.");
        }

        var mine = GenomeResolver.TryFromSpec(experiment);
        var nearest = others.Select(n =>
            {
                var theirs = GenomeResolver.TryFromSpec(n);
                return (Record: n, Distance: mine is not null && theirs is not null ? mine.DistanceTo(theirs) : SourceDistance(experiment.Program, n.Program), Genome: mine is not null && theirs is not null);
            })
            .MinBy(x => x.Distance);
        var score = 1 + (9 * Math.Min(1, nearest.Distance / 0.4));
        return (score, $"nearest earlier design {nearest.Record.Name} (#{nearest.Record.Index}) at {(nearest.Genome ? "genome" : "source")} distance {F(nearest.Distance)}.");
    }

    /// <summary>The complexity sub-score and why.</summary>
    public static (double Score, string Reason) Complexity(ExperimentRecord experiment, IReadOnlyList<ExperimentRecord> baselines)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(baselines);
        var ratio = ThroughputRatio(experiment, baselines);
        var ratioText = ratio is { } q ? $"throughput {F(q)}x the baselines' mean" : "no throughput comparison";
        var exponent = experiment.Probes?.ComplexityExponent;
        if (exponent is not { } e || !double.IsFinite(e))
        {
            return ratio is { } rho
                ? (4 + (3 * Math.Clamp(rho, 0, 1)), $"no measured complexity exponent; {ratioText} (capped at 7).")
                : (5, "neither complexity exponent nor throughput measured.");
        }

        if (e >= 1.8)
        {
            return (1 + (2 * Math.Clamp((2.2 - e) / 0.4, 0, 1)), $"exponent {F(e)}: quadratic.");
        }

        if (e >= 1.3)
        {
            return (6 - (3 * (e - 1.3) / 0.5), $"exponent {F(e)}: super-linear.");
        }

        if (ratio is not { } r)
        {
            return (7, $"exponent {F(e)}: linear; {ratioText}.");
        }

        var score = r >= 1 ? 9 + Math.Min(1, r - 1) : Math.Clamp(6 + (3 * (r - 0.25) / 0.75), 6, 9);
        return (score, $"exponent {F(e)}: linear; {ratioText}.");
    }

    private static double? ThroughputRatio(ExperimentRecord experiment, IReadOnlyList<ExperimentRecord> baselines)
    {
        var baseTps = baselines.Select(b => b.Result?.TokensPerSecond ?? 0).Where(t => t > 0).ToList();
        if (experiment.Result?.TokensPerSecond is > 0 and var tps && baseTps.Count > 0)
        {
            return tps / baseTps.Average();
        }

        var baseMs = baselines.Select(b => b.Probes?.StepMilliseconds ?? 0).Where(t => t > 0).ToList();
        if (experiment.Probes?.StepMilliseconds is > 0 and var ms && baseMs.Count > 0)
        {
            return baseMs.Average() / ms;
        }

        return null;
    }

    /// <summary>1 − Jaccard similarity of the identifier tokens of two sources.</summary>
    public static double SourceDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        static HashSet<string> Tokens(string s) =>
            s.Split((char[])[' ', '\n', '\r', '\t', '(', ')', '{', '}', '[', ']', ';', ',', '.', '=', '+', '-', '*', '/', '<', '>', ':', '"'], StringSplitOptions.RemoveEmptyEntries)
             .ToHashSet(StringComparer.Ordinal);
        var ta = Tokens(a);
        var tb = Tokens(b);
        var union = ta.Union(tb).Count();
        return union == 0 ? 0 : 1 - ((double)ta.Intersect(tb).Count() / union);
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string F3(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
