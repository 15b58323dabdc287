using AsiArch.Cli.Tests.Fixtures;
using AsiArch.Sdk.Reporting;

namespace AsiArch.Cli.Tests.Report;

public sealed class DiscoveryCurveCalculatorTests
{
    [Fact]
    public void Compute_Fixture_CountsCandidatesAboveSeedAndDiscoveriesAtTheirPromotion()
    {
        var promotions = new[]
        {
            new PromotionSummary { CandidateIndex = 5, PromotionIndexes = [9], IsDiscovery = true },
            new PromotionSummary { CandidateIndex = 4, IsDiscovery = false },
        };

        var curve = DiscoveryCurveCalculator.Compute(RunFixture.Experiments, promotions);

        Assert.Equal(9, curve.Points.Count);
        // Candidates above the seed's 1.5: #4 (1.8), #5 (2.1), #6 (1.55); #3 (1.4) is below, #9 is a promotion.
        Assert.Equal([0, 0, 0, 1, 2, 3, 3, 3, 3], curve.Points.Select(p => p.CandidatesBeatingSeed));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 1], curve.Points.Select(p => p.VerifiedDiscoveries));
        Assert.Equal(880 / 3600.0, curve.Points[^1].ComputeHours, 9);
        Assert.Equal(60 / 3600.0, curve.Points[0].ComputeHours, 9);
        Assert.Contains("DeltaNet", curve.Reference, StringComparison.Ordinal);
        Assert.NotNull(curve.BeatingSeedTrend);
        Assert.True(curve.BeatingSeedTrend!.Slope > 0);
    }

    [Fact]
    public void Compute_NoScoredSeed_UsesParityOfMeasuredComponents()
    {
        var experiments = RunFixture.Experiments.Where(e => e.Index != 1).ToList();

        var curve = DiscoveryCurveCalculator.Compute(experiments, []);

        // Loss + benchmark components above 1.0: #4 (1.25), #5 (1.45), #6 (1.03); #3 (0.9) is not.
        Assert.Equal(3, curve.TotalBeatingSeed);
        Assert.Contains("parity", curve.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public void FitLine_ExactLine_RecoversSlopeInterceptAndPerfectFit()
    {
        var x = new[] { 0.0, 1, 2, 3, 4 };
        var y = x.Select(v => 2 + (3 * v)).ToArray();

        var trend = DiscoveryCurveCalculator.FitLine(x, y)!;

        Assert.Equal(3, trend.Slope, 9);
        Assert.Equal(2, trend.Intercept, 9);
        Assert.Equal(1, trend.RSquared, 9);
        Assert.Equal(14, trend.At(4), 9);
    }

    [Fact]
    public void FitLine_NoisyLine_FitsLeastSquares()
    {
        // Sxy = 4, Sxx = 5 around the means (1.5, 1.5): slope 0.8, intercept 1.5 - 0.8 * 1.5 = 0.3.
        var trend = DiscoveryCurveCalculator.FitLine([0.0, 1, 2, 3], [0.5, 0.5, 2.5, 2.5])!;

        Assert.Equal(0.8, trend.Slope, 9);
        Assert.Equal(0.3, trend.Intercept, 9);
        Assert.InRange(trend.RSquared, 0.0, 0.99);
    }

    [Fact]
    public void FitLine_OneDistinctX_ReturnsNull()
    {
        Assert.Null(DiscoveryCurveCalculator.FitLine([1.0, 1.0], [0.0, 2.0]));
        Assert.Throws<ArgumentException>(() => DiscoveryCurveCalculator.FitLine([1.0, 2.0], [0.0]));
    }
}
