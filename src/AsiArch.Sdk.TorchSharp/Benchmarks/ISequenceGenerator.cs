namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>Writes one random sequence of a synthetic task (inputs, next-token targets and the scored positions).</summary>
internal interface ISequenceGenerator
{
    /// <summary>Token ids are in [0, VocabSize).</summary>
    int VocabSize { get; }

    /// <summary>Tokens per sequence.</summary>
    int Length { get; }

    /// <summary>Fills the three spans (each <see cref="Length"/> long) from <paramref name="random"/>.</summary>
    void Generate(Random random, Span<long> inputs, Span<long> targets, Span<float> mask);
}
