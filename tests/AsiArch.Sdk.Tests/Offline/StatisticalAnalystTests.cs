using AsiArch.Sdk.Offline;
using static AsiArch.Sdk.Tests.Offline.OfflineFixtures;

namespace AsiArch.Sdk.Tests.Offline;

public sealed class StatisticalAnalystTests
{
    private const double Tol = 1e-5;

    // Hand computation (t quantiles from tables): t(0.975, 1) = 12.706205, t(0.975, 2) = 4.302653, t(0.975, 4) = 2.776445.
    private static readonly LinearAttentionGenome Delta = LinearAttentionGenome.DeltaNet;
    private static readonly LinearAttentionGenome Additive = (LinearAttentionGenome.DeltaNet with { UpdateRule = StateUpdateRule.Additive }).Canonicalize();

    // Three replicates of each design: delta [1.0, 1.2, 1.4], additive [0.6, 0.8, 1.0].
    private static List<ExperimentRecord> Population() =>
    [
        Record(1, Additive, fitness: 0.6),
        Record(2, Additive, fitness: 0.8),
        Record(3, Additive, fitness: 1.0),
        Record(4, Delta, fitness: 1.0, parent: 1),
        Record(5, Delta, fitness: 1.2, parent: 1),
        Record(6, Delta, fitness: 1.4, parent: 1),
    ];

    private static AnalysisRequest Request()
    {
        var population = Population();
        return new AnalysisRequest
        {
            Experiment = population[5],
            Parent = population[0],
            Baselines =
            [
                Record(101, Delta, fitness: 1.0, kind: ExperimentKind.Baseline) with { Program = "// b1" },
                Record(102, Delta, fitness: 1.1, kind: ExperimentKind.Baseline) with { Program = "// b2" },
                Record(103, Delta, fitness: 1.2, kind: ExperimentKind.Baseline) with { Program = "// b3" },
            ],
            Population = population,
        };
    }

    [Fact]
    public void Compute_SmallFixture_ParentComparisonMatchesHandComputation()
    {
        var analysis = new StatisticalAnalyst().Compute(Request());
        // Pooled replicate sd: sqrt((0.08 + 0.08) / 4) = 0.2 with 4 df.
        Assert.Equal(0.2, analysis.ReplicateNoise!.Value, Tol);
        Assert.Equal(4, analysis.ReplicateDegreesOfFreedom);
        var parent = Assert.Single(analysis.Comparisons, c => c.Against.StartsWith("parent", StringComparison.Ordinal));
        Assert.Equal(0.8, parent.Delta, Tol);
        Assert.Equal(4.0, parent.EffectSize!.Value, Tol);
        // Half-width t(0.975, 4) * 0.2 * sqrt(2) = 0.785294.
        Assert.Equal(0.8 - 0.785294, parent.Lower!.Value, Tol);
        Assert.Equal(0.8 + 0.785294, parent.Upper!.Value, Tol);
    }

    [Fact]
    public void Compute_SmallFixture_BaselineGroupMatchesHandComputation()
    {
        var analysis = new StatisticalAnalyst().Compute(Request());
        var group = Assert.Single(analysis.Comparisons, c => c.Against == "baselines (3)");
        // Mean 1.1, sd 0.1, df 2; delta 0.3; half-width 4.302653 * 0.1 * sqrt(1 + 1/3) = 0.496828; Hedges J(2) = 1 - 3/7.
        Assert.Equal(1.1, group.Reference, Tol);
        Assert.Equal(0.3, group.Delta, Tol);
        Assert.Equal(0.3 - 0.496828, group.Lower!.Value, Tol);
        Assert.Equal(0.3 + 0.496828, group.Upper!.Value, Tol);
        Assert.Equal(3.0 * (1 - (3.0 / 7.0)), group.EffectSize!.Value, Tol);
    }

    [Fact]
    public void FeatureEffects_SmallFixtureWithoutRidge_MatchesOrdinaryLeastSquares()
    {
        var analyst = new StatisticalAnalyst(new StatisticalAnalystOptions { RidgeLambda = 0 });
        var effect = Assert.Single(analyst.FeatureEffects(Population()));
        Assert.Equal("UpdateRule=Additive", effect.Feature);
        Assert.Equal("regression", effect.Method);
        // beta = mean(additive) - mean(delta) = -0.4; se = sqrt(0.04 * (1/3 + 1/3)) = 0.163299; CI half-width 2.776445 * se = 0.453392.
        Assert.Equal(-0.4, effect.Coefficient, Tol);
        Assert.Equal(0.163299, effect.StandardError, Tol);
        Assert.Equal(-0.4 - 0.453392, effect.Lower, Tol);
        Assert.Equal(-0.4 + 0.453392, effect.Upper, Tol);
        Assert.Equal(3, effect.WithCount);
        Assert.Equal(3, effect.WithoutCount);
        Assert.False(effect.Significant);
    }

    [Fact]
    public void FeatureEffects_TooFewForRegression_FallsBackToWelch()
    {
        var g1 = Delta with { SlidingWindow = 32, Heads = HeadCount.Double };
        var pop = new List<ExperimentRecord>
        {
            Record(1, Additive, fitness: 0.6), Record(2, Additive, fitness: 0.8),
            Record(3, Delta, fitness: 1.0), Record(4, Delta, fitness: 1.2),
            Record(5, g1.Canonicalize(), fitness: 1.1),
        };
        var effects = new StatisticalAnalyst().FeatureEffects(pop);
        var additive = Assert.Single(effects, e => e.Feature == "UpdateRule=Additive");
        Assert.Equal("welch", additive.Method);
        // with [0.6, 0.8] vs without [1.0, 1.2, 1.1]: difference -0.4.
        Assert.Equal(-0.4, additive.Coefficient, Tol);
    }

    [Fact]
    public async Task AnalyzeAsync_SmallPopulation_FiveSectionsAndNoInsight()
    {
        var report = await new StatisticalAnalyst().AnalyzeAsync(Request());
        Assert.Contains("UpdateRule Additive -> DeltaRule", report.DesignEvaluation, StringComparison.Ordinal);
        Assert.Contains("fitness vs parent", report.ResultsAnalysis, StringComparison.Ordinal);
        Assert.Contains("+0.800", report.ResultsAnalysis, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(report.ExpectationVsReality));
        Assert.Contains("UpdateRule=Additive", report.TheoreticalExplanation, StringComparison.Ordinal);
        Assert.Contains("No insight stored", report.SynthesisAndInsights, StringComparison.Ordinal);
        Assert.Empty(report.Insights);
    }

    [Fact]
    public async Task AnalyzeAsync_StrongEvidence_StoresExperimentDerivedInsight()
    {
        var population = new List<ExperimentRecord>();
        var random = new Random(3);
        for (var i = 0; i < 12; i++)
        {
            // Sliding window on half the designs, +0.5 fitness, small noise.
            var window = i % 2 == 0;
            var genome = (Delta with { SlidingWindow = window ? 32 : 0, Heads = i % 3 == 0 ? HeadCount.Double : HeadCount.Profile }).Canonicalize();
            population.Add(Record(i + 1, genome, fitness: 1.0 + (window ? 0.5 : 0) + (random.NextDouble() * 0.05), parent: i == 0 ? null : 1));
        }

        var experiment = population[2];
        var time = new FixedTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var report = await new StatisticalAnalyst(timeProvider: time).AnalyzeAsync(new AnalysisRequest
        {
            Experiment = experiment,
            Parent = population[1],
            Population = population,
        });
        var insight = Assert.Single(report.Insights);
        Assert.Equal(CognitionKind.ExperimentDerived, insight.Kind);
        Assert.Equal(experiment.Index, insight.ExperimentIndex);
        Assert.Equal("exp-slidingwindow-32-helps", insight.Id);
        Assert.Contains("SlidingWindow=32 raises fitness", insight.DesignInsight, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow(), insight.CreatedAt);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
