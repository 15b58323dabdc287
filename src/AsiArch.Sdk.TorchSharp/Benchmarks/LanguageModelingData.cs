namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// A tokenised corpus split in two: training windows are drawn at random from the front, validation windows are
/// evenly spaced over the held-out tail, so no validation token is ever a training input or target.
/// </summary>
internal sealed class LanguageModelingData : IBenchmarkData
{
    private readonly long[] _tokens;
    private readonly int _length;
    private readonly Random _random;
    private readonly object _gate = new();

    public LanguageModelingData(long[] tokens, int vocabSize, int length, int splitIndex, int seed)
    {
        _tokens = tokens;
        _length = length;
        VocabSize = vocabSize;
        SplitIndex = splitIndex;
        _random = new Random(SeedMixer.Derive(seed, 3));
    }

    public int VocabSize { get; }

    /// <summary>The first held-out token; training windows (inputs and targets) end before it.</summary>
    internal int SplitIndex { get; }

    /// <summary>Tokens of the whole corpus.</summary>
    internal int TokenCount => _tokens.Length;

    public TokenBatch NextTrainingBatch(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var offsets = new int[batchSize];
        lock (_gate)
        {
            for (var b = 0; b < batchSize; b++)
            {
                // Inclusive upper bound SplitIndex - length - 1: the last target is token SplitIndex - 1.
                offsets[b] = _random.Next(0, SplitIndex - _length);
            }
        }

        return Windows(offsets);
    }

    public IReadOnlyList<TokenBatch> ValidationBatches(int batchSize, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var windows = batchSize * count;
        var last = _tokens.Length - _length - 1;
        var span = last - SplitIndex;
        var batches = new TokenBatch[count];
        for (var i = 0; i < count; i++)
        {
            var offsets = new int[batchSize];
            for (var b = 0; b < batchSize; b++)
            {
                var w = i * batchSize + b;
                offsets[b] = SplitIndex + (windows == 1 ? 0 : (int)((long)span * w / (windows - 1)));
            }

            batches[i] = Windows(offsets);
        }

        return batches;
    }

    private TokenBatch Windows(int[] offsets)
    {
        var n = offsets.Length * _length;
        var inputs = new long[n];
        var targets = new long[n];
        var mask = new float[n];
        Array.Fill(mask, 1f);
        for (var b = 0; b < offsets.Length; b++)
        {
            Array.Copy(_tokens, offsets[b], inputs, b * _length, _length);
            Array.Copy(_tokens, offsets[b] + 1, targets, b * _length, _length);
        }

        return new TokenBatch(offsets.Length, _length, inputs, targets, mask);
    }
}
