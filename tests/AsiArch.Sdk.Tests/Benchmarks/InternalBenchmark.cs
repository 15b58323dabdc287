namespace AsiArch.Sdk.Tests.Benchmarks;

/// <summary>Not public: the worker could not create it.</summary>
internal sealed class InternalBenchmark : IBenchmark
{
    public BenchmarkDescriptor Descriptor { get; } = new() { Name = "hidden", Description = "Hidden." };

    public Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Registration tests never prepare data.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
}
