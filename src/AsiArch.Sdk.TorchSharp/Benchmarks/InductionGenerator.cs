namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// Induction / noisy associative-recall sequences: uniform noise tokens with a random pattern of <c>P</c> tokens
/// placed once in the first half and again in the second half. The positions of the second occurrence (but its last)
/// are scored: each must predict the pattern's next token, which only the first occurrence reveals. The pattern's
/// first token appears nowhere else (neither in the noise nor later in the pattern), so every scored position has exactly one right answer.
/// </summary>
internal sealed class InductionGenerator : ISequenceGenerator
{
    private readonly int _pattern;
    private readonly long[] _tokens;

    public InductionGenerator(int vocab, int pattern, int length)
    {
        VocabSize = vocab;
        Length = length;
        _pattern = pattern;
        _tokens = new long[pattern];
    }

    public int VocabSize { get; }

    public int Length { get; }

    public void Generate(Random random, Span<long> inputs, Span<long> targets, Span<float> mask)
    {
        mask.Clear();
        var trigger = random.Next(1, VocabSize);
        _tokens[0] = trigger;
        for (var i = 1; i < _pattern; i++)
        {
            _tokens[i] = NotTrigger(random, trigger);
        }

        for (var t = 0; t < Length; t++)
        {
            inputs[t] = NotTrigger(random, trigger);
        }

        var half = Length / 2;
        var first = random.Next(0, half - _pattern + 1);
        var second = random.Next(half, Length - _pattern + 1);
        for (var i = 0; i < _pattern; i++)
        {
            inputs[first + i] = _tokens[i];
            inputs[second + i] = _tokens[i];
        }

        for (var t = 0; t < Length - 1; t++)
        {
            targets[t] = inputs[t + 1];
        }

        targets[Length - 1] = 0;
        for (var i = 0; i < _pattern - 1; i++)
        {
            mask[second + i] = 1f;
        }
    }

    /// <summary>A uniform token from [1, V) other than <paramref name="trigger"/>.</summary>
    private long NotTrigger(Random random, long trigger)
    {
        long token = random.Next(1, VocabSize - 1);
        return token >= trigger ? token + 1 : token;
    }
}
