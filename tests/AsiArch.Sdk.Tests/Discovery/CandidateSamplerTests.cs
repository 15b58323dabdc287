using AsiArch.Sdk.Discovery;

namespace AsiArch.Sdk.Tests.Discovery;

public sealed class CandidateSamplerTests
{
    private static List<ExperimentRecord> Pool(int count) =>
        Enumerable.Range(1, count).Select(i => new ExperimentRecord
        {
            Index = i,
            Name = $"c{i}",
            Fitness = new FitnessScore { Total = 3 - (i * 0.01), LossComponent = 0, BenchmarkComponent = 0, JudgeComponent = 0, BenchmarkScore = 1 - (i * 0.01) },
        }).ToList();

    [Fact]
    public void Sample_FullPool_ParentFromRanks1To10AndFourReferencesFrom11To50()
    {
        var pool = Pool(50);
        var random = new Random(1);
        var parents = new HashSet<long>();
        var references = new HashSet<long>();
        for (var i = 0; i < 2000; i++)
        {
            var sample = CandidateSampler.Sample(pool, random, new DiscoveryOptions());
            parents.Add(sample.Parent!.Index);
            Assert.Equal(4, sample.References.Count);
            Assert.Equal(4, sample.References.Select(r => r.Index).Distinct().Count());
            foreach (var r in sample.References)
            {
                references.Add(r.Index);
            }
        }

        // Uniform draws over 2000 rounds reach every rank of each range and nothing outside it.
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i).ToHashSet(), parents);
        Assert.Equal(Enumerable.Range(11, 40).Select(i => (long)i).ToHashSet(), references);
    }

    [Fact]
    public void Sample_PoolLargerThanCapacity_IgnoresMembersBeyondPoolSize()
    {
        var sample = Enumerable.Range(0, 500).Select(s => CandidateSampler.Sample(Pool(80), new Random(s), new DiscoveryOptions())).ToList();
        Assert.All(sample, s => Assert.All(s.References, r => Assert.InRange(r.Index, 11, 50)));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(10, 0)]
    [InlineData(12, 2)]
    [InlineData(14, 4)]
    public void Sample_FewMembers_ReturnsWholeReferenceRangeWhenSmall(int count, int expectedReferences)
    {
        var sample = CandidateSampler.Sample(Pool(count), new Random(3), new DiscoveryOptions());
        Assert.Equal(expectedReferences, sample.References.Count);
        Assert.InRange(sample.Parent!.Index, 1, Math.Min(10, count));
    }

    [Fact]
    public void Sample_SameSeed_SameDraw()
    {
        var a = CandidateSampler.Sample(Pool(50), new Random(42), new DiscoveryOptions());
        var b = CandidateSampler.Sample(Pool(50), new Random(42), new DiscoveryOptions());
        Assert.Equal(a.Parent!.Index, b.Parent!.Index);
        Assert.Equal(a.References.Select(r => r.Index), b.References.Select(r => r.Index));
    }

    [Fact]
    public void Sample_EmptyPool_ReturnsNoParent()
    {
        var sample = CandidateSampler.Sample([], new Random(1), new DiscoveryOptions());
        Assert.Null(sample.Parent);
        Assert.Empty(sample.References);
    }

    [Fact]
    public void SelectUct_ChildlessMember_GoesFirst()
    {
        var pool = Pool(5);
        var counts = new Dictionary<long, int> { [1] = 3, [2] = 1, [3] = 2, [5] = 1 };
        Assert.Equal(4, CandidateSampler.SelectUct(pool, 1.414, counts).Index);
    }

    [Fact]
    public void SelectUct_AllVisited_PicksHighestUpperBound()
    {
        // N = 12: c1 0.99 + 1.414*sqrt(ln12/10) = 1.2954; c2 0.98 + 1.414*sqrt(ln12/1) = 3.2051; c3 0.97 + 1.414*sqrt(ln12/1).
        var pool = Pool(3);
        var counts = new Dictionary<long, int> { [1] = 10, [2] = 1, [3] = 1 };
        Assert.Equal(2, CandidateSampler.SelectUct(pool, 1.414, counts).Index);
        Assert.Equal(0.98 + (1.414 * Math.Sqrt(Math.Log(12))), CandidateSampler.UctScore(0.98, 1, 12, 1.414), 12);
        Assert.Equal(double.PositiveInfinity, CandidateSampler.UctScore(0.5, 0, 12, 1.414));
    }

    [Fact]
    public void Sample_UctStrategy_UsesUctForTheParent()
    {
        var options = new DiscoveryOptions { Selection = SelectionStrategy.Uct };
        var counts = Enumerable.Range(1, 20).ToDictionary(i => (long)i, i => i == 17 ? 0 : 5);
        var sample = CandidateSampler.Sample(Pool(20), new Random(1), options, counts);
        Assert.Equal(17, sample.Parent!.Index);
        Assert.DoesNotContain(17L, sample.References.Select(r => r.Index));
    }
}
