using AsiArch.Sdk.Testing.Fakes;
using AsiArch.Sdk.TorchSharp.Benchmarks;

namespace AsiArch.Sdk.TorchSharp.Tests.Benchmarks;

public sealed class BenchmarkAssemblyLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("asiarch-loader-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_AssemblyWithBenchmark_CreatesEachBenchmarkByType()
    {
        var benchmarks = BenchmarkAssemblyLoader.Load(typeof(FakeBenchmark).Assembly.Location);

        var benchmark = Assert.Single(benchmarks);
        Assert.IsType<FakeBenchmark>(benchmark);
        Assert.Equal("fake", benchmark.Descriptor.Name);
        var registry = new BenchmarkRegistry().Register(benchmark);
        Assert.Contains("fake", registry.Names);
        Assert.Contains("mqar", registry.Names);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingThePath()
    {
        var path = Path.Combine(_directory, "missing.dll");

        var error = Assert.Throws<ArgumentException>(() => BenchmarkAssemblyLoader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAnAssembly_ThrowsClearly()
    {
        var path = Path.Combine(_directory, "text.dll");
        File.WriteAllText(path, "not a PE file");

        var error = Assert.Throws<ArgumentException>(() => BenchmarkAssemblyLoader.Load(path));

        Assert.Contains("not a .NET assembly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AssemblyWithoutBenchmarks_ThrowsClearly()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkAssemblyLoader.Load(typeof(IBenchmark).Assembly.Location));

        Assert.Contains("no public non-abstract class implementing IBenchmark", error.Message, StringComparison.Ordinal);
    }
}
