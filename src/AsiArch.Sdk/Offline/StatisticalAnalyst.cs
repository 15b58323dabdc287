using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace AsiArch.Sdk.Offline;

/// <summary>
/// The offline analyst: ASI-ARCH's five report sections written from numbers. It compares the experiment's fitness and
/// per-task headline metrics with its parent, grandparent, siblings and the baselines (deltas, effect sizes, t
/// intervals from the replicate noise of the population), estimates which design features help or hurt with a ridge
/// regression of fitness on genome features over <see cref="AnalysisRequest.Population"/> (or Welch comparisons when
/// the population is too small), and returns an experiment-derived <see cref="CognitionEntry"/> only when the evidence
/// passes the threshold in <see cref="StatisticalAnalystOptions"/>.
/// </summary>
public sealed class StatisticalAnalyst : IAnalyst
{
    private readonly StatisticalAnalystOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the analyst.</summary>
    public StatisticalAnalyst(StatisticalAnalystOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new StatisticalAnalystOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<AnalysisReport> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var analysis = Compute(request);
        return Task.FromResult(Render(request, analysis));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    /// <summary>Computes the numbers of the report.</summary>
    public StatisticalAnalysis Compute(AnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var experiment = request.Experiment;
        var population = request.Population.Append(experiment)
            .Where(r => r.Score is { } s && double.IsFinite(s))
            .GroupBy(r => r.Index).Select(g => g.First()).OrderBy(r => r.Index).ToList();
        var metrics = MetricsOf(experiment);
        var comparisons = new List<MetricComparison>();
        var noise = new Dictionary<string, (double Sd, int Df)?>(StringComparer.Ordinal);
        (double Sd, int Df)? Noise(string metric) =>
            noise.TryGetValue(metric, out var n) ? n : noise[metric] = ReplicateNoise(population, metric);

        void Single(string against, ExperimentRecord reference)
        {
            var theirs = MetricsOf(reference);
            foreach (var (metric, (value, higher)) in metrics)
            {
                if (!theirs.TryGetValue(metric, out var other))
                {
                    continue;
                }

                var n = Noise(metric);
                var delta = value - other.Value;
                if (n is { Sd: > 0 } s)
                {
                    var half = Statistics.TCritical(_options.ConfidenceLevel, s.Df) * s.Sd * Math.Sqrt(2);
                    comparisons.Add(new MetricComparison
                    {
                        Against = against, Metric = metric, HigherIsBetter = higher, Value = value, Reference = other.Value,
                        EffectSize = delta / s.Sd, Lower = delta - half, Upper = delta + half,
                        IntervalBasis = $"replicate noise sd {F(s.Sd)}, df {s.Df}",
                    });
                }
                else
                {
                    comparisons.Add(new MetricComparison
                    {
                        Against = against, Metric = metric, HigherIsBetter = higher, Value = value, Reference = other.Value,
                        IntervalBasis = "no replicate runs of one design in the population, so no interval",
                    });
                }
            }
        }

        void Group(string against, IReadOnlyList<ExperimentRecord> group)
        {
            foreach (var (metric, (value, higher)) in metrics)
            {
                var values = group.Select(MetricsOf).Where(m => m.ContainsKey(metric)).Select(m => m[metric].Value).ToList();
                if (values.Count == 0)
                {
                    continue;
                }

                var mean = Statistics.Mean(values);
                if (values.Count >= 2 && Statistics.Variance(values) > 0)
                {
                    // The experiment is treated as one more draw: prediction-style interval x − mean ± t·s·sqrt(1 + 1/n).
                    var sd = Math.Sqrt(Statistics.Variance(values));
                    var df = values.Count - 1;
                    var half = Statistics.TCritical(_options.ConfidenceLevel, df) * sd * Math.Sqrt(1 + (1.0 / values.Count));
                    comparisons.Add(new MetricComparison
                    {
                        Against = against, Metric = metric, HigherIsBetter = higher, Value = value, Reference = mean,
                        EffectSize = (value - mean) / sd * Statistics.HedgesCorrection(df),
                        Lower = value - mean - half, Upper = value - mean + half,
                        IntervalBasis = $"group of {values.Count}, sd {F(sd)}, df {df}",
                    });
                }
                else
                {
                    comparisons.Add(new MetricComparison
                    {
                        Against = against, Metric = metric, HigherIsBetter = higher, Value = value, Reference = mean,
                        IntervalBasis = $"group of {values.Count} without spread, so no interval",
                    });
                }
            }
        }

        if (request.Parent is { } parent)
        {
            Single($"parent #{parent.Index} {parent.Name}", parent);
        }

        if (request.Grandparent is { } grandparent)
        {
            Single($"grandparent #{grandparent.Index} {grandparent.Name}", grandparent);
        }

        foreach (var sibling in request.Siblings)
        {
            Single($"sibling #{sibling.Index} {sibling.Name}", sibling);
        }

        foreach (var baseline in request.Baselines)
        {
            Single($"baseline {baseline.Name}", baseline);
        }

        if (request.Baselines.Count >= 2)
        {
            Group($"baselines ({request.Baselines.Count})", request.Baselines);
        }

        var (effects, replicate) = (FeatureEffects(population), ReplicateNoise(population, FitnessMetric));
        return new StatisticalAnalysis
        {
            Genome = GenomeResolver.Resolve(experiment),
            ParentGenome = request.Parent is null ? null : GenomeResolver.Resolve(request.Parent),
            Comparisons = comparisons,
            FeatureEffects = effects,
            PopulationSize = population.Count,
            ReplicateNoise = replicate?.Sd,
            ReplicateDegreesOfFreedom = replicate?.Df ?? 0,
        };
    }

    /// <summary>The metric name used for the fitness total.</summary>
    public const string FitnessMetric = "fitness";

    /// <summary>The metrics compared: fitness and each task's headline metric (<c>{task} {metric}</c>).</summary>
    public static IReadOnlyDictionary<string, (double Value, bool HigherIsBetter)> MetricsOf(ExperimentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var result = new Dictionary<string, (double, bool)>(StringComparer.Ordinal);
        if (record.Score is { } score && double.IsFinite(score))
        {
            result[FitnessMetric] = (score, true);
        }

        foreach (var task in record.Result?.Tasks ?? [])
        {
            if (ParentEvidence.MainMetric(task) is { } m)
            {
                result[$"{task.Task} {m.Metric}"] = (m.Value, m.HigherIsBetter);
            }
        }

        return result;
    }

    // Pooled within-design standard deviation over groups of experiments with identical source (replicates by seed).
    private static (double Sd, int Df)? ReplicateNoise(IReadOnlyList<ExperimentRecord> population, string metric)
    {
        double ss = 0;
        var df = 0;
        foreach (var group in population.Where(r => r.Program.Length > 0).GroupBy(r => CandidateSource.ComputeHash(r.Program)))
        {
            var values = group.Select(MetricsOf).Where(m => m.ContainsKey(metric)).Select(m => m[metric].Value).ToList();
            if (values.Count >= 2)
            {
                ss += Statistics.Variance(values) * (values.Count - 1);
                df += values.Count - 1;
            }
        }

        return df == 0 ? null : (Math.Sqrt(ss / df), df);
    }

    /// <summary>Design-feature effects on fitness over the scored population (see the type remarks).</summary>
    public IReadOnlyList<FeatureEffect> FeatureEffects(IReadOnlyList<ExperimentRecord> population)
    {
        ArgumentNullException.ThrowIfNull(population);
        var rows = population.Where(r => r.Score is { } s && double.IsFinite(s))
            .Select(r => (Genes: GenomeResolver.Resolve(r).Genes(), Y: r.Score!.Value)).ToList();
        if (rows.Count < 4)
        {
            return [];
        }

        var reference = LinearAttentionGenome.DeltaNet.Genes();
        var features = rows.SelectMany(r => r.Genes)
            .Where(kv => kv.Value != reference[kv.Key])
            .Select(kv => (Gene: kv.Key, Value: kv.Value)).Distinct()
            .Where(f => rows.Any(r => r.Genes[f.Gene] == f.Value) && rows.Any(r => r.Genes[f.Gene] != f.Value))
            .OrderBy(f => f.Gene, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal)
            .ToList();
        if (features.Count == 0)
        {
            return [];
        }

        var n = rows.Count;
        var p = features.Count;
        var y = rows.Select(r => r.Y).ToArray();
        var counts = features.Select(f => rows.Count(r => r.Genes[f.Gene] == f.Value)).ToArray();
        var effects = new List<FeatureEffect>();
        if (n - p - 1 >= 2)
        {
            var x = Matrix<double>.Build.Dense(n, p + 1, (i, j) => j == 0 ? 1.0 : rows[i].Genes[features[j - 1].Gene] == features[j - 1].Value ? 1.0 : 0.0);
            var xtx = x.TransposeThisAndMultiply(x);
            var penalty = Matrix<double>.Build.DiagonalIdentity(p + 1) * _options.RidgeLambda;
            penalty[0, 0] = 0;
            var inverse = (xtx + penalty).Inverse();
            var yv = Vector<double>.Build.DenseOfArray(y);
            var beta = inverse * x.TransposeThisAndMultiply(yv);
            var residual = yv - (x * beta);
            var df = n - p - 1;
            var sigma2 = residual.DotProduct(residual) / df;
            var covariance = inverse * xtx * inverse * sigma2;
            var t = Statistics.TCritical(_options.ConfidenceLevel, df);
            for (var j = 0; j < p; j++)
            {
                var se = Math.Sqrt(Math.Max(0, covariance[j + 1, j + 1]));
                if (!double.IsFinite(se) || !double.IsFinite(beta[j + 1]))
                {
                    continue;
                }

                effects.Add(new FeatureEffect
                {
                    Gene = features[j].Gene, Value = features[j].Value, Coefficient = beta[j + 1], StandardError = se,
                    Lower = beta[j + 1] - (t * se), Upper = beta[j + 1] + (t * se),
                    WithCount = counts[j], WithoutCount = n - counts[j], Method = "regression",
                });
            }
        }
        else
        {
            for (var j = 0; j < p; j++)
            {
                var f = features[j];
                var with = rows.Where(r => r.Genes[f.Gene] == f.Value).Select(r => r.Y).ToList();
                var without = rows.Where(r => r.Genes[f.Gene] != f.Value).Select(r => r.Y).ToList();
                if (Statistics.Welch(with, without) is not { } w)
                {
                    continue;
                }

                var half = Statistics.TCritical(_options.ConfidenceLevel, w.DegreesOfFreedom) * w.StandardError;
                effects.Add(new FeatureEffect
                {
                    Gene = f.Gene, Value = f.Value, Coefficient = w.Difference, StandardError = w.StandardError,
                    Lower = w.Difference - half, Upper = w.Difference + half,
                    WithCount = with.Count, WithoutCount = without.Count, Method = "welch",
                });
            }
        }

        return effects.OrderByDescending(e => Math.Abs(e.Coefficient) / Math.Max(e.StandardError, 1e-12)).ToList();
    }

    /// <summary>The insights that pass the evidence threshold, for the genes the experiment changed (all genes without a parent).</summary>
    public IReadOnlyList<CognitionEntry> Insights(ExperimentRecord experiment, StatisticalAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.PopulationSize < _options.MinPopulationForInsight)
        {
            return [];
        }

        var changed = analysis.ParentGenome is null
            ? null
            : analysis.Genome.DiffFrom(analysis.ParentGenome).Select(d => d.Gene).ToHashSet(StringComparer.Ordinal);
        var now = _timeProvider.GetUtcNow();
        return analysis.FeatureEffects
            .Where(e => e.Significant && Math.Abs(e.Coefficient) >= _options.MinEffect
                && e.WithCount >= _options.MinGroupSize && e.WithoutCount >= _options.MinGroupSize
                && (changed is null || changed.Contains(e.Gene)))
            .Take(3)
            .Select(e =>
            {
                var helps = e.Coefficient > 0;
                var verb = helps ? "raises" : "lowers";
                return new CognitionEntry
                {
                    Id = $"exp-{e.Gene}-{e.Value}-{(helps ? "helps" : "hurts")}".ToLowerInvariant(),
                    TriggerPatterns = $"fitness {(helps ? "improves" : "drops")} with {e.Gene} {e.Value}; deciding whether to use {Spaced(e.Gene)} {Spaced(e.Value)}; "
                        + $"{(helps ? "designs without" : "designs with")} {e.Gene}={e.Value} score lower",
                    Background = $"Measured in this run over {analysis.PopulationSize} scored experiments ({e.WithCount} with {e.Feature}, {e.WithoutCount} without).",
                    AlgorithmicInnovation = $"{e.Feature}: {MotivationWriter.Rationale(e.Gene, e.Value)}",
                    DesignInsight = $"{e.Feature} {verb} fitness by {F(Math.Abs(e.Coefficient))} on average ({Pct(_options.ConfidenceLevel)} CI {F(e.Lower)} to {F(e.Upper)}, {e.Method}).",
                    ImplementationGuidance = helps
                        ? $"Prefer designs with {e.Gene} = {e.Value}; keep it when mutating other genes."
                        : $"Avoid {e.Gene} = {e.Value}; revert it when a child introduces it.",
                    Kind = CognitionKind.ExperimentDerived,
                    ExperimentIndex = experiment.Index,
                    CreatedAt = now,
                };
            })
            .ToList();
    }

    private AnalysisReport Render(AnalysisRequest request, StatisticalAnalysis a)
    {
        var experiment = request.Experiment;
        var diff = a.ParentGenome is null ? [] : a.Genome.DiffFrom(a.ParentGenome);
        var design = new StringBuilder();
        design.Append(CultureInfo.InvariantCulture, $"{experiment.Name} (#{experiment.Index}) is {a.Genome.Describe()}. ");
        if (request.Parent is { } parent)
        {
            design.Append(diff.Count == 0
                ? $"It has the same design features as its parent {parent.Name} (#{parent.Index}); any difference is noise or seed."
                : $"Against its parent {parent.Name} (#{parent.Index}) it changes {string.Join("; ", diff.Select(d => $"{d.Gene} {d.From} -> {d.To}"))}. ");
            foreach (var (gene, _, to) in diff)
            {
                design.Append(CultureInfo.InvariantCulture, $"{gene} = {to}: {MotivationWriter.Rationale(gene, to)} ");
            }
        }
        else
        {
            design.Append("It has no parent, so it is judged against the baselines only. ");
        }

        design.Append(a.Genome.IsCanonical ? "The design is inside the linear-attention design space and linear in sequence length." : "");
        if (experiment.Probes?.ComplexityExponent is { } exponent)
        {
            design.Append(CultureInfo.InvariantCulture, $" The probes measured a complexity exponent of {F(exponent)}.");
        }

        var results = new StringBuilder();
        if (a.Comparisons.Count == 0)
        {
            results.Append("No comparable measurements (the experiment or its references have no scored results).");
        }

        foreach (var c in a.Comparisons)
        {
            results.Append(CultureInfo.InvariantCulture, $"- {c.Metric} vs {c.Against}: {F(c.Value)} vs {F(c.Reference)}, delta {Signed(c.Delta)}");
            if (double.IsFinite(c.RelativeDelta))
            {
                results.Append(CultureInfo.InvariantCulture, $" ({Signed(100 * c.RelativeDelta, "0.0")}%)");
            }

            results.Append(c.Lower is { } lo && c.Upper is { } hi
                ? $", {Pct(_options.ConfidenceLevel)} CI [{Signed(lo)}, {Signed(hi)}], effect size {Signed(c.EffectSize ?? 0, "0.00")}"
                : "")
              .Append(CultureInfo.InvariantCulture, $"; {(c.Improved ? "better" : c.Delta == 0 ? "equal" : "worse")} ({c.IntervalBasis}).")
              .AppendLine();
        }

        var expectation = new StringBuilder();
        var parentEvidence = request.Parent is null ? null : ParentEvidence.From(request.Parent, request.Baselines);
        var target = parentEvidence?.Weakest;
        var parentFitness = a.Comparisons.FirstOrDefault(c => c.Metric == FitnessMetric && c.Against.StartsWith("parent", StringComparison.Ordinal));
        if (target is not null)
        {
            var key = $"{target.Task} {target.Metric}";
            var moved = a.Comparisons.FirstOrDefault(c => c.Metric == key && c.Against.StartsWith("parent", StringComparison.Ordinal));
            expectation.Append(CultureInfo.InvariantCulture, $"The change targeted the parent's weakest task, {key} ({F(target.Value)} against {F(target.BestBaseline!.Value)} for {target.BestBaselineName}). ");
            expectation.Append(moved is null
                ? "The experiment did not report that metric, so the expectation cannot be checked. "
                : moved.Improved
                    ? $"It moved in the expected direction by {Signed(moved.Delta)}{(moved.Lower is { } l && (moved.HigherIsBetter ? l > 0 : moved.Upper < 0) ? ", beyond the noise interval" : ", within the noise interval")}. "
                    : $"It moved the wrong way by {Signed(moved.Delta)}: the prediction did not hold. ");
        }
        else
        {
            expectation.Append("The motivation named no measured weak task to check against. ");
        }

        if (parentFitness is not null)
        {
            expectation.Append(CultureInfo.InvariantCulture, $"Overall fitness {(parentFitness.Improved ? "rose" : "fell")} by {F(Math.Abs(parentFitness.Delta))} against the parent.");
        }

        var theory = new StringBuilder();
        var relevant = a.FeatureEffects.Where(e => diff.Count == 0 || diff.Any(d => d.Gene == e.Gene)).Take(5).ToList();
        theory.Append(CultureInfo.InvariantCulture, $"Population evidence ({a.PopulationSize} scored experiments");
        theory.Append(a.ReplicateNoise is { } noise ? $", replicate noise sd {F(noise)} on fitness): " : "): ");
        if (relevant.Count == 0)
        {
            theory.Append("too few varied designs to estimate the effect of the changed features yet. ");
        }

        foreach (var e in relevant)
        {
            theory.Append(CultureInfo.InvariantCulture, $"{e.Feature} {(e.Coefficient >= 0 ? "+" : "")}{F(e.Coefficient)} fitness (se {F(e.StandardError)}, {Pct(_options.ConfidenceLevel)} CI {F(e.Lower)} to {F(e.Upper)}, {e.WithCount} with / {e.WithoutCount} without, {e.Method}){(e.Significant ? ", significant" : "")}. ");
        }

        var cited = request.Cognition.Where(h => h.Entry.Source is not null).Take(2).ToList();
        if (cited.Count > 0)
        {
            theory.Append("Related knowledge: ").Append(string.Join("; ", cited.Select(h => $"{h.Entry.Source!.Title}: {h.Entry.DesignInsight}"))).Append(' ');
        }

        var insights = Insights(experiment, a);
        var synthesis = new StringBuilder();
        var helps = a.FeatureEffects.Where(e => e.Significant && e.Coefficient > 0).Take(3).ToList();
        var hurts = a.FeatureEffects.Where(e => e.Significant && e.Coefficient < 0).Take(3).ToList();
        synthesis.Append(helps.Count == 0 ? "No design feature yet shows a significant gain. " : $"Keep or add: {string.Join(", ", helps.Select(e => $"{e.Feature} ({Signed(e.Coefficient)})"))}. ");
        synthesis.Append(hurts.Count == 0 ? "No design feature yet shows a significant loss. " : $"Avoid: {string.Join(", ", hurts.Select(e => $"{e.Feature} ({Signed(e.Coefficient)})"))}. ");
        if (a.Comparisons.Where(c => c.Against.StartsWith("baseline ", StringComparison.Ordinal) && c.Metric != FitnessMetric && !c.Improved)
            .OrderBy(c => c.HigherIsBetter ? c.RelativeDelta : -c.RelativeDelta).FirstOrDefault() is { } gap)
        {
            synthesis.Append(CultureInfo.InvariantCulture, $"Largest remaining gap: {gap.Metric} {F(gap.Value)} vs {gap.Against} {F(gap.Reference)}; the next change should target it. ");
        }

        synthesis.Append(insights.Count == 0
            ? $"No insight stored: the evidence threshold (population >= {_options.MinPopulationForInsight}, >= {_options.MinGroupSize} designs with and without, |effect| >= {F(_options.MinEffect)} with a {Pct(_options.ConfidenceLevel)} interval excluding zero) is not met."
            : $"Stored {insights.Count} experiment-derived insight(s): {string.Join("; ", insights.Select(i => i.DesignInsight))}");

        return new AnalysisReport
        {
            DesignEvaluation = design.ToString().Trim(),
            ResultsAnalysis = results.ToString().Trim(),
            ExpectationVsReality = expectation.ToString().Trim(),
            TheoreticalExplanation = theory.ToString().Trim(),
            SynthesisAndInsights = synthesis.ToString().Trim(),
            Insights = insights,
        };
    }

    private static string Spaced(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Signed(double value, string format = "0.000") =>
        (value >= 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture);

    private static string Pct(double level) => (level * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
