using AsiArch.Sdk.TorchSharp.Benchmarks;
using static AsiArch.Sdk.TorchSharp.Tests.Benchmarks.BenchmarkTestData;

namespace AsiArch.Sdk.TorchSharp.Tests.Benchmarks;

public sealed class InductionBenchmarkTests
{
    [Fact]
    public void NextTrainingBatch_ScoredTargets_ContinueThePatternSeenEarlier()
    {
        var data = Prepare(new InductionBenchmark(), 40, 2, ("vocab", "20"), ("pattern", "5"));
        var batch = data.NextTrainingBatch(8);
        AssertWellFormed(batch, 20);
        for (var b = 0; b < batch.BatchSize; b++)
        {
            var row = batch.Inputs.AsSpan(b * 40, 40).ToArray();
            var scored = Enumerable.Range(0, 40).Where(t => batch.LossMask[b * 40 + t] > 0).ToArray();
            Assert.Equal(4, scored.Length);
            var second = scored[0];
            Assert.True(second >= 20, "the second occurrence is in the second half");
            var trigger = row[second];
            var earlier = Array.IndexOf(row, trigger);
            Assert.True(earlier < 20, "the pattern occurs first in the first half");
            Assert.Equal(2, row.Count(t => t == trigger));
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(row[earlier + i + 1], batch.Targets[b * 40 + second + i]);
            }
        }
    }

    [Fact]
    public void ValidationBatches_DisjointFromTraining()
    {
        AssertDisjoint(Prepare(new InductionBenchmark(), 32, 4), 16);
    }

    [Fact]
    public async Task PrepareAsync_PatternLongerThanHalf_Throws()
    {
        var setup = new BenchmarkSetup { SequenceLength = 10, Settings = new Dictionary<string, string> { ["pattern"] = "6" } };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new InductionBenchmark().PrepareAsync(setup));
        Assert.Contains("too short for a pattern of 6", ex.Message, StringComparison.Ordinal);
    }
}
