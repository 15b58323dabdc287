using AsiArch.Sdk.TorchSharp.Benchmarks;

namespace AsiArch.Sdk.TorchSharp.Tests.Benchmarks;

/// <summary>Helpers shared by the benchmark generator tests.</summary>
internal static class BenchmarkTestData
{
    public static IBenchmarkData Prepare(IBenchmark benchmark, int length, int seed, params (string Key, string Value)[] settings) =>
        benchmark.PrepareAsync(new BenchmarkSetup
        {
            SequenceLength = length,
            Seed = seed,
            Settings = settings.ToDictionary(s => s.Key, s => s.Value),
        }).GetAwaiter().GetResult();

    public static IEnumerable<long[]> Rows(TokenBatch batch, Func<TokenBatch, long[]> pick)
    {
        var data = pick(batch);
        for (var b = 0; b < batch.BatchSize; b++)
        {
            yield return data.AsSpan(b * batch.Length, batch.Length).ToArray();
        }
    }

    public static string Key(long[] row) => string.Join(',', row);

    /// <summary>Asserts every scored position's target is in vocabulary and the inputs are the targets shifted by one where unmasked.</summary>
    public static void AssertWellFormed(TokenBatch batch, int vocab)
    {
        Assert.All(batch.Inputs, t => Assert.InRange(t, 0, vocab - 1));
        for (var i = 0; i < batch.Inputs.Length; i++)
        {
            if (batch.LossMask[i] > 0)
            {
                Assert.InRange(batch.Targets[i], 0, vocab - 1);
            }
        }

        Assert.Contains(batch.LossMask, m => m > 0);
    }

    public static void AssertDisjoint(IBenchmarkData data, int batch)
    {
        var validation = data.ValidationBatches(batch, 4).SelectMany(b => Rows(b, x => x.Inputs)).Select(Key).ToHashSet();
        for (var i = 0; i < 25; i++)
        {
            foreach (var row in Rows(data.NextTrainingBatch(batch), x => x.Inputs))
            {
                Assert.DoesNotContain(Key(row), validation);
            }
        }
    }

    public static BenchmarkRegistry Registry { get; } = new();
}
