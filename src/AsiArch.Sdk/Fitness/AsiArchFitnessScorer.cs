using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Fitness;

/// <summary>
/// ASI-ARCH's fitness (DESIGN.md §7): σ(6·clip(Δ/0.10, −1, 1)) for the validation loss of the profile's loss task and for
/// the weighted mean of the primary metrics of the tasks with weight &gt; 0, each relative to a baseline measured
/// locally on the same profile and seed, plus the judge term (0.30·P + 0.25·I + 0.45·C, sub-scores clamped to 1-10,
/// mapped by (x − 1)/9). Total 0-3. A missing or non-finite metric is a <see cref="FailureKind.MissingMetric"/> failure.
/// Without a judgement the judge term is 0 and the formula is reported as <c>asi-arch (no judge)</c>. A configured
/// <see cref="FitnessOptions.Formula"/> replaces the total.
/// </summary>
public sealed class AsiArchFitnessScorer : IFitnessScorer
{
    private readonly FitnessOptions _options;
    private readonly FitnessExpression<double>? _formula;

    /// <summary>Creates the scorer with default options.</summary>
    public AsiArchFitnessScorer()
        : this(new FitnessOptions())
    {
    }

    /// <summary>Creates the scorer from options (DI).</summary>
    public AsiArchFitnessScorer(IOptions<FitnessOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    /// <summary>Creates the scorer.</summary>
    /// <exception cref="InvalidFitnessExpressionException">The configured formula does not compile.</exception>
    public AsiArchFitnessScorer(FitnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        if (!string.IsNullOrWhiteSpace(options.Formula))
        {
            _formula = FitnessExpression<double>.Compile(nameof(FitnessOptions.Formula), options.Formula);
        }
    }

    /// <inheritdoc />
    public Task<FitnessResult> ScoreAsync(FitnessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Score(request));
    }

    /// <summary>Computes the components and the globals a formula or filter sees; a failure when a metric is missing.</summary>
    public FitnessMeasurement Measure(FitnessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = request.Result;
        var profile = request.Profile;
        var baseline = request.Baseline;
        if (!result.Succeeded)
        {
            return FitnessMeasurement.Fail(FailureKind.MissingMetric, $"The training failed ({result.Failure}); there is nothing to score.");
        }

        if (!double.IsFinite(baseline.Loss) || !double.IsFinite(baseline.BenchmarkScore))
        {
            return FitnessMeasurement.Fail(FailureKind.MissingMetric, $"The baseline '{baseline.Name}' has a non-finite loss or benchmark score.");
        }

        var lossTask = result.GetTask(profile.LossTask);
        if (lossTask?.ValidationLoss is not { } loss)
        {
            return FitnessMeasurement.Fail(FailureKind.MissingMetric, $"No validation loss for the loss task '{profile.LossTask}'.");
        }

        if (!double.IsFinite(loss))
        {
            return FitnessMeasurement.Fail(FailureKind.MissingMetric, $"The validation loss of '{profile.LossTask}' is not finite ({loss}).");
        }

        var weighted = profile.Benchmarks.Where(b => b.Weight > 0).ToList();
        if (weighted.Count == 0)
        {
            return FitnessMeasurement.Fail(FailureKind.MissingMetric, $"Profile '{profile.Name}' has no benchmark with a weight above 0.");
        }

        var tasks = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        double sum = 0, weights = 0;
        foreach (var spec in weighted)
        {
            var metric = _options.PrimaryMetricOf(spec.Name);
            var task = result.GetTask(spec.Name);
            if (task is null || !task.Metrics.TryGetValue(metric, out var value))
            {
                return FitnessMeasurement.Fail(FailureKind.MissingMetric, $"Metric '{metric}' of task '{spec.Name}' is missing.");
            }

            if (!double.IsFinite(value))
            {
                return FitnessMeasurement.Fail(FailureKind.MissingMetric, $"Metric '{metric}' of task '{spec.Name}' is not finite ({value}).");
            }

            tasks[spec.Name] = value;
            sum += spec.Weight * value;
            weights += spec.Weight;
        }

        var bench = sum / weights;
        var judgement = request.Judgement;
        if (judgement is not null &&
            (!double.IsFinite(judgement.Performance) || !double.IsFinite(judgement.Innovation) || !double.IsFinite(judgement.Complexity)))
        {
            return FitnessMeasurement.Fail(FailureKind.MissingMetric, "A judge sub-score is not finite.");
        }

        var relativeLoss = FitnessMath.Relative(-loss, -baseline.Loss);
        var relativeBench = FitnessMath.Relative(bench, baseline.BenchmarkScore);
        var lossComponent = FitnessMath.Component(relativeLoss, _options.ImprovementScale, _options.Steepness);
        var benchComponent = FitnessMath.Component(relativeBench, _options.ImprovementScale, _options.Steepness);
        var judgeComponent = judgement is null
            ? 0.0
            : FitnessMath.JudgeComponent(judgement, _options.PerformanceWeight, _options.InnovationWeight, _options.ComplexityWeight);
        var globals = new FitnessGlobals
        {
            Loss = loss,
            Benchmark = bench,
            BaselineLoss = baseline.Loss,
            BaselineBenchmark = baseline.BenchmarkScore,
            RelativeLoss = relativeLoss,
            RelativeBenchmark = relativeBench,
            LossComponent = lossComponent,
            BenchmarkComponent = benchComponent,
            JudgeComponent = judgeComponent,
            Performance = judgement is null ? 0 : Math.Clamp(judgement.Performance, 1, 10),
            Innovation = judgement is null ? 0 : Math.Clamp(judgement.Innovation, 1, 10),
            Complexity = judgement is null ? 0 : Math.Clamp(judgement.Complexity, 1, 10),
            Parameters = result.Parameters,
            TokensPerSecond = result.TokensPerSecond,
            Tasks = tasks,
        };
        return new FitnessMeasurement { Globals = globals };
    }

    private FitnessResult Score(FitnessRequest request)
    {
        var measurement = Measure(request);
        if (measurement.Failure is { } failure)
        {
            return FitnessResult.Fail(failure);
        }

        var g = measurement.Globals!;
        var total = g.LossComponent + g.BenchmarkComponent + g.JudgeComponent;
        var formula = request.Judgement is null ? "asi-arch (no judge)" : "asi-arch";
        if (_formula is not null)
        {
            total = _formula.Evaluate(g);
            formula = _formula.Text;
            if (!double.IsFinite(total))
            {
                return FitnessResult.Fail(new ExperimentFailure(FailureKind.MissingMetric, $"The fitness formula '{formula}' gave a non-finite value ({total})."));
            }
        }

        return FitnessResult.Success(new FitnessScore
        {
            Total = total,
            LossComponent = g.LossComponent,
            BenchmarkComponent = g.BenchmarkComponent,
            JudgeComponent = g.JudgeComponent,
            RelativeLossImprovement = g.RelativeLoss,
            RelativeBenchmarkImprovement = g.RelativeBenchmark,
            LeakageSuspected = g.RelativeLoss > _options.LeakageThreshold,
            Loss = g.Loss,
            BenchmarkScore = g.Benchmark,
            BaselineName = request.Baseline.Name,
            Formula = formula,
        });
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
