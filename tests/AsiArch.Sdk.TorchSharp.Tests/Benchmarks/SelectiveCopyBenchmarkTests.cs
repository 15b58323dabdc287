using AsiArch.Sdk.TorchSharp.Benchmarks;
using static AsiArch.Sdk.TorchSharp.Tests.Benchmarks.BenchmarkTestData;

namespace AsiArch.Sdk.TorchSharp.Tests.Benchmarks;

public sealed class SelectiveCopyBenchmarkTests
{
    [Fact]
    public void NextTrainingBatch_ScoredTargets_AreTheDataTokensInOrder()
    {
        var data = Prepare(new SelectiveCopyBenchmark(), 48, 5, ("tokens", "6"), ("vocab", "12"));
        var batch = data.NextTrainingBatch(8);
        AssertWellFormed(batch, 12);
        for (var b = 0; b < batch.BatchSize; b++)
        {
            var row = batch.Inputs.AsSpan(b * 48, 48).ToArray();
            var region = row[..42];
            var dataTokens = region.Where(t => t != 1).ToArray();
            Assert.Equal(6, dataTokens.Length);
            Assert.All(dataTokens, t => Assert.InRange(t, 3, 11));
            Assert.Equal(2, row[42]);
            var scored = Enumerable.Range(b * 48, 48).Where(i => batch.LossMask[i] > 0).Select(i => batch.Targets[i]).ToArray();
            Assert.Equal(dataTokens, scored);
        }
    }

    [Fact]
    public void Batches_SameSeed_Identical_AndValidationDisjoint()
    {
        var a = Prepare(new SelectiveCopyBenchmark(), 32, 11);
        var b = Prepare(new SelectiveCopyBenchmark(), 32, 11);
        Assert.Equal(a.NextTrainingBatch(4).Targets, b.NextTrainingBatch(4).Targets);
        AssertDisjoint(a, 16);
    }

    [Fact]
    public async Task PrepareAsync_TooManyTokens_Throws()
    {
        var setup = new BenchmarkSetup { SequenceLength = 16, Settings = new Dictionary<string, string> { ["tokens"] = "9" } };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new SelectiveCopyBenchmark().PrepareAsync(setup));
        Assert.Contains("too short for 9 data tokens", ex.Message, StringComparison.Ordinal);
    }
}
