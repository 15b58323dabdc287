using AsiArch.Sdk.TorchSharp.Benchmarks;

namespace AsiArch.Sdk.TorchSharp.Tests.Benchmarks;

public sealed class BenchmarkRegistryTests
{
    [Fact]
    public void Get_BuiltInNames_CaseInsensitive()
    {
        var registry = new BenchmarkRegistry();
        Assert.Equal(["induction", "lm", "mqar", "selective_copy"], registry.Names);
        Assert.IsType<MqarBenchmark>(registry.Get("MQAR"));
        Assert.IsType<LanguageModelingBenchmark>(registry.Get("lm"));
    }

    [Fact]
    public void Get_UnknownName_ListsKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BenchmarkRegistry().Get("parity"));
        Assert.Contains("Unknown benchmark 'parity'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("induction, lm, mqar, selective_copy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_UserBenchmark_IsFound()
    {
        var custom = new FakeBenchmark("parity");
        var registry = new BenchmarkRegistry().Register(custom);
        Assert.Same(custom, registry.Get("Parity"));
        Assert.Contains("parity", registry.Names);
    }

    private sealed class FakeBenchmark(string name) : IBenchmark
    {
        public BenchmarkDescriptor Descriptor { get; } = new() { Name = name, Description = "test task" };

        public Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Not prepared in registry tests.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
