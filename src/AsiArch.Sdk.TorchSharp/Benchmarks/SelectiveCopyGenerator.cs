namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// Selective-copy sequences (Mamba, Gu and Dao 2023): <c>K</c> data tokens at random positions of a noise region
/// (token 1), a delimiter (token 2), then the data tokens in order. The positions from the delimiter on are scored:
/// each must predict the next data token. Data tokens come from [3, V).
/// </summary>
internal sealed class SelectiveCopyGenerator : ISequenceGenerator
{
    internal const long Noise = 1;
    internal const long Delimiter = 2;
    internal const int FirstDataToken = 3;
    private readonly int _tokens;
    private readonly int _region;
    private readonly int[] _positions;
    private readonly long[] _data;

    public SelectiveCopyGenerator(int vocab, int tokens, int length)
    {
        VocabSize = vocab;
        Length = length;
        _tokens = tokens;
        _region = length - tokens;
        _positions = new int[_region];
        _data = new long[tokens];
    }

    public int VocabSize { get; }

    public int Length { get; }

    public void Generate(Random random, Span<long> inputs, Span<long> targets, Span<float> mask)
    {
        mask.Clear();
        for (var i = 0; i < _positions.Length; i++)
        {
            _positions[i] = i;
        }

        for (var i = 0; i < _tokens; i++)
        {
            var j = random.Next(i, _positions.Length);
            (_positions[i], _positions[j]) = (_positions[j], _positions[i]);
            _data[i] = random.Next(FirstDataToken, VocabSize);
        }

        Array.Sort(_positions, 0, _tokens);
        inputs[.._region].Fill(Noise);
        for (var i = 0; i < _tokens; i++)
        {
            inputs[_positions[i]] = _data[i];
        }

        inputs[_region] = Delimiter;
        for (var i = 1; i < _tokens; i++)
        {
            inputs[_region + i] = _data[i - 1];
        }

        for (var t = 0; t < Length - 1; t++)
        {
            targets[t] = inputs[t + 1];
        }

        for (var i = 0; i < _tokens; i++)
        {
            targets[_region + i] = _data[i];
            mask[_region + i] = 1f;
        }
    }
}
