using AsiArch.Sdk.Fitness;

namespace AsiArch.Sdk.Tests.Fitness;

public sealed class AsiArchFitnessScorerTests
{
    private static readonly TrainingProfile Profile = new()
    {
        Name = "T",
        LossTask = "lm",
        Benchmarks = [new BenchmarkSpec("mqar", 1.0), new BenchmarkSpec("selective_copy", 1.0), new BenchmarkSpec("lm", 0.0)],
    };

    private static readonly BaselineReference Baseline = new() { Name = "DeltaNet", Loss = 2.0, BenchmarkScore = 0.5 };

    private static TrainingResult Result(double loss, double mqar, double copy) => new()
    {
        Tasks =
        [
            new TaskResult { Task = "mqar", Metrics = new Dictionary<string, double> { ["accuracy"] = mqar } },
            new TaskResult { Task = "selective_copy", Metrics = new Dictionary<string, double> { ["accuracy"] = copy } },
            new TaskResult { Task = "lm", ValidationLoss = loss },
        ],
    };

    private static FitnessRequest Request(TrainingResult result, QualityJudgement? judgement = null) =>
        new() { Result = result, Profile = Profile, Baseline = Baseline, Judgement = judgement };

    [Theory]
    [InlineData(0.10, 0.9975273768)]
    [InlineData(0.25, 0.9975273768)]
    [InlineData(0.05, 0.9525741268)]
    [InlineData(0.0, 0.5)]
    [InlineData(-0.05, 0.0474258732)]
    [InlineData(-0.10, 0.0024726232)]
    [InlineData(-1.0, 0.0024726232)]
    public void Component_RelativeImprovement_MatchesAsiArchSigmoid(double relative, double expected)
    {
        Assert.Equal(expected, FitnessMath.Component(relative), 9);
    }

    [Fact]
    public async Task ScoreAsync_HandComputedExample_MatchesEveryComponent()
    {
        // loss 1.9 vs 2.0: +5% -> sigma(3); bench (0.6 + 0.5) / 2 = 0.55 vs 0.5: +10% -> sigma(6);
        // judge 0.30*8 + 0.25*6 + 0.45*9 = 7.95 -> (7.95 - 1) / 9.
        var scorer = new AsiArchFitnessScorer();
        var result = await scorer.ScoreAsync(Request(Result(1.9, 0.6, 0.5), new QualityJudgement { Performance = 8, Innovation = 6, Complexity = 9 }));

        var score = Assert.IsType<FitnessScore>(result.Score);
        Assert.Equal(0.05, score.RelativeLossImprovement, 12);
        Assert.Equal(0.10, score.RelativeBenchmarkImprovement, 12);
        Assert.Equal(0.9525741268, score.LossComponent, 9);
        Assert.Equal(0.9975273768, score.BenchmarkComponent, 9);
        Assert.Equal(6.95 / 9, score.JudgeComponent, 12);
        Assert.Equal(0.9525741268 + 0.9975273768 + (6.95 / 9), score.Total, 9);
        Assert.Equal(score.Total / 3, score.Normalized, 12);
        Assert.Equal(0.55, score.BenchmarkScore, 12);
        Assert.Equal(1.9, score.Loss, 12);
        Assert.False(score.LeakageSuspected);
        Assert.Equal("asi-arch", score.Formula);
        Assert.Equal("DeltaNet", score.BaselineName);
    }

    [Fact]
    public async Task ScoreAsync_LossMoreThanTenPercentBelowBaseline_FlagsLeakage()
    {
        var result = await new AsiArchFitnessScorer().ScoreAsync(Request(Result(1.7, 0.5, 0.5)));
        Assert.True(result.Score!.LeakageSuspected);
        Assert.Equal(0.15, result.Score.RelativeLossImprovement, 12);
    }

    [Fact]
    public async Task ScoreAsync_NoJudgement_JudgeTermIsZeroAndFormulaSaysSo()
    {
        var result = await new AsiArchFitnessScorer().ScoreAsync(Request(Result(2.0, 0.5, 0.5)));
        Assert.Equal(0, result.Score!.JudgeComponent);
        Assert.Equal(1.0, result.Score.Total, 12);
        Assert.Equal("asi-arch (no judge)", result.Score.Formula);
    }

    [Fact]
    public async Task ScoreAsync_JudgeSubScoresOutOfRange_AreClamped()
    {
        var result = await new AsiArchFitnessScorer().ScoreAsync(
            Request(Result(2.0, 0.5, 0.5), new QualityJudgement { Performance = 15, Innovation = 10, Complexity = -3 }));

        // 0.30*10 + 0.25*10 + 0.45*1 = 5.95 -> (5.95 - 1) / 9
        Assert.Equal(4.95 / 9, result.Score!.JudgeComponent, 12);
    }

    [Theory]
    [InlineData(double.NaN, 0.5, 0.5)]
    [InlineData(double.PositiveInfinity, 0.5, 0.5)]
    [InlineData(2.0, double.NaN, 0.5)]
    [InlineData(2.0, 0.5, double.NegativeInfinity)]
    public async Task ScoreAsync_NonFiniteMetric_FailsWithMissingMetric(double loss, double mqar, double copy)
    {
        var result = await new AsiArchFitnessScorer().ScoreAsync(Request(Result(loss, mqar, copy)));
        Assert.False(result.Succeeded);
        Assert.Equal(FailureKind.MissingMetric, result.Failure!.Kind);
    }

    [Fact]
    public async Task ScoreAsync_WeightedTaskMissing_FailsNamingTheTask()
    {
        var result = await new AsiArchFitnessScorer().ScoreAsync(Request(new TrainingResult
        {
            Tasks = [new TaskResult { Task = "lm", ValidationLoss = 2.0 }, new TaskResult { Task = "mqar", Metrics = new Dictionary<string, double> { ["accuracy"] = 0.5 } }],
        }));
        Assert.Equal(FailureKind.MissingMetric, result.Failure!.Kind);
        Assert.Contains("selective_copy", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_LossTaskMissing_FailsWithMissingMetric()
    {
        var result = await new AsiArchFitnessScorer().ScoreAsync(Request(new TrainingResult
        {
            Tasks = [new TaskResult { Task = "mqar", Metrics = new Dictionary<string, double> { ["accuracy"] = 0.5 } }, new TaskResult { Task = "selective_copy", Metrics = new Dictionary<string, double> { ["accuracy"] = 0.5 } }],
        }));
        Assert.Equal(FailureKind.MissingMetric, result.Failure!.Kind);
        Assert.Contains("lm", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_NonFiniteJudgeScore_FailsWithMissingMetric()
    {
        var result = await new AsiArchFitnessScorer().ScoreAsync(Request(Result(2.0, 0.5, 0.5), new QualityJudgement { Performance = double.NaN, Innovation = 5, Complexity = 5 }));
        Assert.Equal(FailureKind.MissingMetric, result.Failure!.Kind);
    }

    [Fact]
    public async Task ScoreAsync_ZeroBaselineBenchmark_SaturatesInsteadOfDividingByZero()
    {
        var scorer = new AsiArchFitnessScorer();
        var request = Request(Result(2.0, 0.2, 0.2)) with { Baseline = Baseline with { BenchmarkScore = 0 } };
        var result = await scorer.ScoreAsync(request);
        Assert.Equal(FitnessMath.Sigmoid(6), result.Score!.BenchmarkComponent, 12);
    }

    [Fact]
    public async Task ScoreAsync_UserFormula_ReplacesTheTotal()
    {
        var scorer = new AsiArchFitnessScorer(new FitnessOptions { Formula = "LossComponent + 2 * BenchmarkComponent + Math.Min(0, RelativeLoss)" });
        var result = await scorer.ScoreAsync(Request(Result(1.9, 0.6, 0.5)));
        Assert.Equal(FitnessMath.Sigmoid(3) + (2 * FitnessMath.Sigmoid(6)), result.Score!.Total, 12);
        Assert.Equal("LossComponent + 2 * BenchmarkComponent + Math.Min(0, RelativeLoss)", result.Score.Formula);
    }

    [Fact]
    public void Constructor_FormulaThatDoesNotCompile_ThrowsWithDiagnostics()
    {
        var ex = Assert.Throws<InvalidFitnessExpressionException>(() => new AsiArchFitnessScorer(new FitnessOptions { Formula = "LossComponent + NoSuchValue" }));
        Assert.Equal("Formula", ex.Setting);
        Assert.Contains("NoSuchValue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_CustomPrimaryMetric_IsUsedForThatTask()
    {
        var options = new FitnessOptions { PrimaryMetrics = new(StringComparer.OrdinalIgnoreCase) { ["mqar"] = "recall" } };
        var result = await new AsiArchFitnessScorer(options).ScoreAsync(Request(new TrainingResult
        {
            Tasks =
            [
                new TaskResult { Task = "mqar", Metrics = new Dictionary<string, double> { ["recall"] = 0.8, ["accuracy"] = 0.0 } },
                new TaskResult { Task = "selective_copy", Metrics = new Dictionary<string, double> { ["accuracy"] = 0.4 } },
                new TaskResult { Task = "lm", ValidationLoss = 2.0 },
            ],
        }));
        Assert.Equal(0.6, result.Score!.BenchmarkScore, 12);
    }

    [Fact]
    public void FitnessExpression_Filter_EvaluatesAsiArchPoolFilter()
    {
        var filter = FitnessExpression<bool>.Compile("CandidateFilter", "Math.Abs(RelativeLoss) < 0.10 && RelativeBenchmark > -0.10");
        Assert.True(filter.Evaluate(new FitnessGlobals { RelativeLoss = 0.05, RelativeBenchmark = -0.05 }));
        Assert.False(filter.Evaluate(new FitnessGlobals { RelativeLoss = -0.2, RelativeBenchmark = 0.5 }));
        Assert.False(filter.Evaluate(new FitnessGlobals { RelativeLoss = 0.0, RelativeBenchmark = -0.2 }));
    }
}
