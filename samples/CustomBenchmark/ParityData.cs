using AsiArch.Sdk;

namespace CustomBenchmark;

/// <summary>
/// Bits are tokens 0 and 1; the answer at each position is token 2 (even so far) or 3 (odd so far). A sequence belongs
/// to the held-out side when a hash of its bits is divisible by 4, so training and validation never share a sequence.
/// </summary>
public sealed class ParityData : IBenchmarkData
{
    private const int Even = 2;
    private const int Odd = 3;
    private readonly int _length;
    private readonly int _seed;
    private readonly Random _train;
    private readonly object _gate = new();

    /// <summary>Creates the data for sequences of <paramref name="length"/> bits.</summary>
    public ParityData(int length, int seed)
    {
        _length = length;
        _seed = seed;
        _train = new Random(seed);
    }

    /// <inheritdoc />
    public int VocabSize => 4;

    /// <inheritdoc />
    public TokenBatch NextTrainingBatch(int batchSize)
    {
        lock (_gate)
        {
            return Fill(batchSize, _train, validation: false);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TokenBatch> ValidationBatches(int batchSize, int count)
    {
        var random = new Random(_seed ^ 0x5bd1e995);
        return Enumerable.Range(0, count).Select(_ => Fill(batchSize, random, validation: true)).ToList();
    }

    private TokenBatch Fill(int batchSize, Random random, bool validation)
    {
        var inputs = new long[batchSize * _length];
        var targets = new long[batchSize * _length];
        var mask = new float[batchSize * _length];
        for (var b = 0; b < batchSize; b++)
        {
            var row = inputs.AsSpan(b * _length, _length);
            do
            {
                for (var t = 0; t < _length; t++)
                {
                    row[t] = random.Next(2);
                }
            }
            while (IsValidation(row) != validation);

            var ones = 0;
            for (var t = 0; t < _length; t++)
            {
                ones += (int)row[t];
                targets[(b * _length) + t] = ones % 2 == 0 ? Even : Odd;
                mask[(b * _length) + t] = 1;
            }
        }

        return new TokenBatch(batchSize, _length, inputs, targets, mask);
    }

    private static bool IsValidation(ReadOnlySpan<long> bits)
    {
        var hash = 2166136261u;
        foreach (var bit in bits)
        {
            hash = (hash ^ (uint)bit) * 16777619u;
        }

        return hash % 4 == 0;
    }
}
