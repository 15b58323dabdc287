using AsiArch.Sdk.Offline;
using static AsiArch.Sdk.Tests.Offline.OfflineFixtures;

namespace AsiArch.Sdk.Tests.Offline;

public sealed class OperatorBanditTests
{
    [Fact]
    public void FromExperiments_ChildrenOfScoredParents_RewardIsFitnessGainOrFailurePenalty()
    {
        var g = LinearAttentionGenome.DeltaNet;
        var records = new[]
        {
            Record(1, g, fitness: 1.0),
            Record(2, g, fitness: 1.3, parent: 1, op: EvolutionOperator.MutateUpdateRule),
            Record(3, g, fitness: 0.9, parent: 1, op: EvolutionOperator.MutateUpdateRule),
            Record(4, g, parent: 1, op: EvolutionOperator.MutateOutput, status: ExperimentStatus.Failed),
            Record(5, g, parent: 1, op: EvolutionOperator.MutateShape, status: ExperimentStatus.Training),
            Record(6, g, fitness: 2.0, parent: 99, op: EvolutionOperator.Crossover),
            Record(7, g, fitness: 2.0, parent: 1, op: EvolutionOperator.RandomSample),
        };
        var stats = OperatorStatistics.FromExperiments(records, failurePenalty: 0.5);
        Assert.Equal(2, stats.Count(EvolutionOperator.MutateUpdateRule));
        Assert.Equal(0.1, stats.MeanReward(EvolutionOperator.MutateUpdateRule), 10);
        Assert.Equal(-0.5, stats.MeanReward(EvolutionOperator.MutateOutput), 10);
        Assert.Equal(0, stats.Count(EvolutionOperator.MutateShape));
        Assert.Equal(0, stats.Count(EvolutionOperator.Crossover));
        Assert.Equal(0, stats.Count(EvolutionOperator.RandomSample));
        Assert.Equal(3, stats.TotalCount);
    }

    [Fact]
    public void Choose_UntriedOperator_ChosenFirst()
    {
        var stats = new OperatorStatistics();
        stats.Record(EvolutionOperator.MutateShape, 1.0);
        Assert.Equal(EvolutionOperator.MutateOutput, UcbOperatorSelector.Choose(stats, [EvolutionOperator.MutateShape, EvolutionOperator.MutateOutput], 0.3, new Random(1)));
    }

    [Fact]
    public void Choose_HigherPastGains_ChosenMoreOften()
    {
        var stats = new OperatorStatistics();
        for (var i = 0; i < 10; i++)
        {
            stats.Record(EvolutionOperator.MutateUpdateRule, 0.3);
            stats.Record(EvolutionOperator.MutateShape, -0.1);
            stats.Record(EvolutionOperator.MutateOutput, 0.0);
        }

        var counts = new Dictionary<EvolutionOperator, int>();
        for (var seed = 0; seed < 100; seed++)
        {
            var op = UcbOperatorSelector.Choose(stats, [EvolutionOperator.MutateUpdateRule, EvolutionOperator.MutateShape, EvolutionOperator.MutateOutput], 0.3, new Random(seed));
            counts[op] = counts.GetValueOrDefault(op) + 1;
        }

        Assert.Equal(100, counts[EvolutionOperator.MutateUpdateRule]);
    }

    [Fact]
    public void Choose_LargeExplorationConstant_RevisitsLessTriedOperator()
    {
        var stats = new OperatorStatistics();
        for (var i = 0; i < 50; i++)
        {
            stats.Record(EvolutionOperator.MutateUpdateRule, 0.1);
        }

        stats.Record(EvolutionOperator.MutateShape, 0.0);
        Assert.Equal(EvolutionOperator.MutateShape, UcbOperatorSelector.Choose(stats, [EvolutionOperator.MutateUpdateRule, EvolutionOperator.MutateShape], 2.0, new Random(1)));
        Assert.Equal(EvolutionOperator.MutateUpdateRule, UcbOperatorSelector.Choose(stats, [EvolutionOperator.MutateUpdateRule, EvolutionOperator.MutateShape], 0.01, new Random(1)));
    }

    [Fact]
    public void Record_NonFiniteReward_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OperatorStatistics().Record(EvolutionOperator.MutateShape, double.NaN));
    }

    [Fact]
    public void Mix_SameInputs_SameSeedAndOrderMatters()
    {
        Assert.Equal(SeedMixer.Mix(1, 2, 3), SeedMixer.Mix(1, 2, 3));
        Assert.NotEqual(SeedMixer.Mix(1, 2, 3), SeedMixer.Mix(3, 2, 1));
        Assert.InRange(SeedMixer.Mix(-5, long.MaxValue), 0, int.MaxValue);
    }
}
