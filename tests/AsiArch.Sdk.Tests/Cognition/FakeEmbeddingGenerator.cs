using Microsoft.Extensions.AI;

namespace AsiArch.Sdk.Tests.Cognition;

/// <summary>An embedding generator driven by a callback, counting the texts it embedded.</summary>
internal sealed class FakeEmbeddingGenerator(Func<string, float[]> embed, string modelId = "fake-model") : IEmbeddingGenerator<string, Embedding<float>>
{
    public List<string> Inputs { get; } = [];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Inputs.AddRange(list);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(list.Select(v => new Embedding<float>(embed(v)))));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("fake", null, modelId) : null;

    public void Dispose()
    {
    }
}
