namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// Zoology-style MQAR sequences: <c>k1 v1 k2 v2 ... kN vN</c>, then <c>Q</c> queries, each a key followed by its
/// value at a random even slot of the remaining positions (0 elsewhere). Keys come from [1, V/2), values from
/// [V/2, V). Only the query-key positions are scored: their target is the key's value.
/// </summary>
internal sealed class MqarGenerator : ISequenceGenerator
{
    private readonly int _pairs;
    private readonly int _queries;
    private readonly int _keyStart = 1;
    private readonly int _valueStart;
    private readonly int[] _keyPool;
    private readonly int[] _valuePool;
    private readonly int[] _slots;

    public MqarGenerator(int vocab, int pairs, int queries, int length)
    {
        VocabSize = vocab;
        Length = length;
        _pairs = pairs;
        _queries = queries;
        _valueStart = vocab / 2;
        _keyPool = new int[_valueStart - _keyStart];
        _valuePool = new int[vocab - _valueStart];
        _slots = new int[(length - 2 * pairs) / 2];
    }

    public int VocabSize { get; }

    public int Length { get; }

    public void Generate(Random random, Span<long> inputs, Span<long> targets, Span<float> mask)
    {
        inputs.Clear();
        mask.Clear();
        Shuffle(random, _keyPool, _keyStart, _pairs);
        Shuffle(random, _valuePool, _valueStart, _pairs);
        for (var i = 0; i < _pairs; i++)
        {
            inputs[2 * i] = _keyPool[i];
            inputs[2 * i + 1] = _valuePool[i];
        }

        // Which pairs are asked, in which slots (a partial Fisher-Yates over the pair indices reuses the key order).
        Shuffle(random, _slots, 0, _queries);
        var asked = Enumerable.Range(0, _pairs).ToArray();
        random.Shuffle(asked);
        var queryStart = 2 * _pairs;
        for (var q = 0; q < _queries; q++)
        {
            var pos = queryStart + 2 * _slots[q];
            var pair = asked[q];
            inputs[pos] = _keyPool[pair];
            inputs[pos + 1] = _valuePool[pair];
        }

        for (var t = 0; t < Length - 1; t++)
        {
            targets[t] = inputs[t + 1];
        }

        targets[Length - 1] = 0;
        for (var q = 0; q < _queries; q++)
        {
            mask[queryStart + 2 * _slots[q]] = 1f;
        }
    }

    /// <summary>Fills <paramref name="pool"/> with start, start+1, ... and moves a uniform random sample of <paramref name="take"/> to the front.</summary>
    private static void Shuffle(Random random, int[] pool, int start, int take)
    {
        for (var i = 0; i < pool.Length; i++)
        {
            pool[i] = start + i;
        }

        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
    }
}
