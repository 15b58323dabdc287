namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// Data of a generated task. Every sequence belongs to the training or the held-out side according to a stable hash
/// of its inputs (one in <see cref="ValidationShare"/>), so the two sides are disjoint whatever the call order, and
/// both are deterministic from the seed.
/// </summary>
internal sealed class SyntheticBenchmarkData : IBenchmarkData
{
    /// <summary>One sequence in this many (by input hash) is reserved for validation.</summary>
    internal const int ValidationShare = 4;

    private const int MaxTries = 10_000;
    private readonly ISequenceGenerator _generator;
    private readonly Random _trainRandom;
    private readonly int _validationSeed;
    private readonly object _gate = new();

    public SyntheticBenchmarkData(ISequenceGenerator generator, int seed)
    {
        _generator = generator;
        _trainRandom = new Random(SeedMixer.Derive(seed, 1));
        _validationSeed = SeedMixer.Derive(seed, 2);
    }

    public int VocabSize => _generator.VocabSize;

    public TokenBatch NextTrainingBatch(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        lock (_gate)
        {
            return Fill(batchSize, _trainRandom, validation: false);
        }
    }

    public IReadOnlyList<TokenBatch> ValidationBatches(int batchSize, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new Random(_validationSeed);
        var batches = new TokenBatch[count];
        for (var i = 0; i < count; i++)
        {
            batches[i] = Fill(batchSize, random, validation: true);
        }

        return batches;
    }

    /// <summary>True when a sequence with these inputs belongs to the held-out side.</summary>
    internal static bool IsValidation(ReadOnlySpan<long> inputs) => SeedMixer.Hash(inputs) % ValidationShare == 0;

    private TokenBatch Fill(int batchSize, Random random, bool validation)
    {
        var length = _generator.Length;
        var inputs = new long[batchSize * length];
        var targets = new long[batchSize * length];
        var mask = new float[batchSize * length];
        for (var b = 0; b < batchSize; b++)
        {
            var range = new Range(b * length, (b + 1) * length);
            var tries = 0;
            do
            {
                if (++tries > MaxTries)
                {
                    throw new InvalidOperationException(
                        "The task's settings allow too few distinct sequences to keep training and validation disjoint; " +
                        "use a larger vocabulary or length.");
                }

                _generator.Generate(random, inputs.AsSpan(range), targets.AsSpan(range), mask.AsSpan(range));
            }
            while (IsValidation(inputs.AsSpan(range)) != validation);
        }

        return new TokenBatch(batchSize, length, inputs, targets, mask);
    }
}
