namespace AsiArch.Sdk.Tests.Benchmarks;

/// <summary>A custom benchmark whose primary metric is lower-is-better.</summary>
public sealed class PerplexityBenchmark : IBenchmark
{
    public BenchmarkDescriptor Descriptor { get; } = new() { Name = "perplexity", Description = "Perplexity.", PrimaryMetric = "perplexity", HigherIsBetter = false };

    public Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Registration tests never prepare data.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
}
