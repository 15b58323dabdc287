using AsiArch.Sdk.Offline;
using static AsiArch.Sdk.Tests.Offline.OfflineFixtures;

namespace AsiArch.Sdk.Tests.Offline;

public sealed class MetricQualityJudgeTests
{
    private static readonly LinearAttentionGenome Delta = LinearAttentionGenome.DeltaNet;

    private static ExperimentRecord Baseline(double accuracy, double loss, double tps = 1000) =>
        Record(90, Delta, result: Result(accuracy, loss, tps), kind: ExperimentKind.Baseline) with { Name = "DeltaNet", DesignSpec = null };

    [Theory]
    [InlineData(0.5, 2.0, 5.5)]     // on par
    [InlineData(0.55, 1.8, 10.0)]   // +10% on both tasks
    [InlineData(0.4, 2.4, 1.0)]     // -20% and -20%
    [InlineData(0.525, 2.0, 6.625)] // +5% and 0%: mean +2.5% -> 5.5 + 4.5 * 0.25
    public void Performance_RelativeToBaselines_FollowsAnchors(double accuracy, double loss, double expected)
    {
        var experiment = Record(5, Delta, result: Result(accuracy, loss));
        Assert.Equal(expected, MetricQualityJudge.Performance(experiment, [Baseline(0.5, 2.0)]).Score, 6);
    }

    [Fact]
    public void Performance_NoComparableResult_IsOne()
    {
        Assert.Equal(1, MetricQualityJudge.Performance(Record(5, Delta), [Baseline(0.5, 2.0)]).Score);
    }

    [Fact]
    public void Innovation_IdenticalNeighbour_IsOneAndNoNeighbourIsEight()
    {
        var experiment = Record(5, Delta);
        Assert.Equal(1, MetricQualityJudge.Innovation(experiment, [Record(3, Delta)]).Score, 6);
        Assert.Equal(8, MetricQualityJudge.Innovation(experiment, []).Score);
    }

    [Fact]
    public void Innovation_FarGenome_ScoresHigherThanNearGenome()
    {
        var experiment = Record(5, (Delta with { UpdateRule = StateUpdateRule.Additive, FeatureMap = FeatureMapKind.Relu, SlidingWindow = 64 }).Canonicalize());
        var near = Record(6, (Delta with { ConvQ = false }).Canonicalize());
        var far = MetricQualityJudge.Innovation(experiment, [Record(3, Delta)]).Score;
        var close = MetricQualityJudge.Innovation(near, [Record(3, Delta)]).Score;
        Assert.True(far >= 8, $"far = {far}");
        Assert.InRange(close, 1, 2);
    }

    [Theory]
    [InlineData(2.0, 1.0, 1.0, 3.0)]   // quadratic band 1-3
    [InlineData(2.2, 1.0, 1.0, 1.0)]
    [InlineData(1.55, 1.0, 4.5, 4.5)]  // super-linear 3-6
    [InlineData(1.0, 1.0, 9.0, 9.0)]   // linear and as fast as the baselines: 8-9
    [InlineData(1.0, 0.5, 7.0, 7.0)]   // linear with overhead: 6-7
    [InlineData(1.0, 2.0, 10.0, 10.0)]
    public void Complexity_ExponentAndThroughput_FollowAnchors(double exponent, double ratio, double low, double high)
    {
        var experiment = Record(5, Delta, result: Result(0.5, 2.0, 1000 * ratio)) with { Probes = new ProbeReport { ComplexityExponent = exponent } };
        var score = MetricQualityJudge.Complexity(experiment, [Baseline(0.5, 2.0, 1000)]).Score;
        Assert.InRange(score, low - 1e-9, high + 1e-9);
    }

    [Fact]
    public void Complexity_NoExponent_CappedAtSeven()
    {
        var experiment = Record(5, Delta, result: Result(0.5, 2.0, 5000));
        Assert.Equal(7, MetricQualityJudge.Complexity(experiment, [Baseline(0.5, 2.0, 1000)]).Score);
    }

    [Fact]
    public async Task JudgeAsync_FullRecord_ScoresInRangeWithReasons()
    {
        var experiment = Record(5, Delta with { SlidingWindow = 32 }, result: Result(0.6, 1.9, 900)) with { Probes = new ProbeReport { ComplexityExponent = 1.05 } };
        var judgement = await new MetricQualityJudge().JudgeAsync(new JudgeRequest
        {
            Experiment = experiment,
            Baselines = [Baseline(0.5, 2.0)],
            Neighbors = [Record(3, Delta)],
        });
        Assert.InRange(judgement.Performance, 1, 10);
        Assert.InRange(judgement.Innovation, 1, 10);
        Assert.InRange(judgement.Complexity, 1, 10);
        Assert.Contains("mqar accuracy 0.600 vs baseline mean 0.500", judgement.Reason, StringComparison.Ordinal);
        Assert.Contains("exponent 1.05", judgement.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceDistance_IdenticalAndDisjoint_ZeroAndOne()
    {
        Assert.Equal(0, MetricQualityJudge.SourceDistance("a b c", "a b c"));
        Assert.Equal(1, MetricQualityJudge.SourceDistance("a b", "c d"));
    }
}
