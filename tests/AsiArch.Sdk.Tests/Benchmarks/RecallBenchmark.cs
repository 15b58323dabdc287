namespace AsiArch.Sdk.Tests.Benchmarks;

/// <summary>A custom benchmark scored by a metric of its own name.</summary>
public sealed class RecallBenchmark : IBenchmark
{
    public BenchmarkDescriptor Descriptor { get; } = new() { Name = "recall_custom", Description = "Custom recall.", PrimaryMetric = "exact_match" };

    public Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Registration tests never prepare data.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
}
