using AsiArch.Sdk.TorchSharp.Benchmarks;
using static AsiArch.Sdk.TorchSharp.Tests.Benchmarks.BenchmarkTestData;

namespace AsiArch.Sdk.TorchSharp.Tests.Benchmarks;

public sealed class MqarBenchmarkTests
{
    [Fact]
    public void PrepareAsync_SameSeed_SameBatches()
    {
        var a = Prepare(new MqarBenchmark(), 64, 7, ("pairs", "8"));
        var b = Prepare(new MqarBenchmark(), 64, 7, ("pairs", "8"));
        var c = Prepare(new MqarBenchmark(), 64, 8, ("pairs", "8"));
        var ta = a.NextTrainingBatch(4);
        Assert.Equal(ta.Inputs, b.NextTrainingBatch(4).Inputs);
        Assert.NotEqual(ta.Inputs, c.NextTrainingBatch(4).Inputs);
        Assert.NotEqual(ta.Inputs, a.NextTrainingBatch(4).Inputs);
        Assert.Equal(a.ValidationBatches(4, 2)[1].Inputs, b.ValidationBatches(4, 2)[1].Inputs);
    }

    [Fact]
    public void NextTrainingBatch_QueryPositions_AnswerWithTheBoundValue()
    {
        var data = Prepare(new MqarBenchmark(), 64, 1, ("pairs", "8"), ("vocab", "64"), ("queries", "6"));
        var batch = data.NextTrainingBatch(8);
        AssertWellFormed(batch, 64);
        for (var b = 0; b < batch.BatchSize; b++)
        {
            var row = batch.Inputs.AsSpan(b * 64, 64);
            var bound = new Dictionary<long, long>();
            for (var i = 0; i < 8; i++)
            {
                Assert.InRange(row[2 * i], 1, 31);
                Assert.InRange(row[2 * i + 1], 32, 63);
                bound.Add(row[2 * i], row[2 * i + 1]);
            }

            var scored = 0;
            for (var t = 0; t < 64; t++)
            {
                var i = b * 64 + t;
                if (batch.LossMask[i] > 0)
                {
                    scored++;
                    Assert.True(t >= 16, "queries come after the key-value pairs");
                    Assert.Equal(bound[row[t]], batch.Targets[i]);
                }
            }

            Assert.Equal(6, scored);
        }
    }

    [Fact]
    public void ValidationBatches_DisjointFromTraining_AndStable()
    {
        var data = Prepare(new MqarBenchmark(), 32, 3, ("pairs", "4"), ("vocab", "16"));
        AssertDisjoint(data, 16);
        Assert.Equal(data.ValidationBatches(16, 3)[2].Targets, data.ValidationBatches(16, 3)[2].Targets);
    }

    [Theory]
    [InlineData("pairs", "40", "vocab/2 - 1")]
    [InlineData("pairs", "x", "must be an integer")]
    [InlineData("queries", "9", "must not exceed pairs")]
    [InlineData("length", "20", "too short")]
    [InlineData("keys", "3", "has no setting 'keys'")]
    public async Task PrepareAsync_InvalidSetting_ThrowsNamingIt(string key, string value, string expected)
    {
        var setup = new BenchmarkSetup
        {
            SequenceLength = 64,
            Settings = new Dictionary<string, string> { ["pairs"] = "8", ["vocab"] = "64", [key] = value },
        };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new MqarBenchmark().PrepareAsync(setup));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("mqar", ex.Message, StringComparison.Ordinal);
    }
}
