using AsiArch.Sdk.Benchmarks;
using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Tests.Benchmarks;

public sealed class BenchmarkRegistrationTests
{
    private static readonly TrainingProfile Profile = TrainingProfiles.Smoke with { Benchmarks = [new BenchmarkSpec("lm", 0.0)], LossTask = "lm" };

    [Fact]
    public void UseBenchmark_CustomType_WorkerLoadsItsAssemblyAndProfileGetsItWithWeight()
    {
        var services = new ServiceCollection();
        services.AddAsiArch().UseBenchmark<RecallBenchmark>(weight: 2.5, settings: new Dictionary<string, string> { ["keys"] = "8" }, steps: 30);
        using var provider = services.BuildServiceProvider();

        var sandbox = provider.GetRequiredService<IOptions<SandboxOptions>>().Value;
        Assert.Equal([typeof(RecallBenchmark).Assembly.Location], sandbox.BenchmarkAssemblies);
        var profile = provider.GetRequiredService<BenchmarkCatalog>().ApplyTo(Profile);
        var spec = Assert.Single(profile.Benchmarks, b => b.Name == "recall_custom");
        Assert.Equal(2.5, spec.Weight);
        Assert.Equal("8", spec.Settings["keys"]);
        Assert.Equal(30, spec.Steps);
        Assert.Equal("lm", profile.Benchmarks[0].Name);
    }

    [Fact]
    public void UseBenchmark_TwoBenchmarks_BothAddedOnceAssemblyListedOnce()
    {
        var services = new ServiceCollection();
        services.AddAsiArch().UseBenchmark<RecallBenchmark>(1.0).UseBenchmark<FakeBenchmark>(0.5).UseBenchmark<RecallBenchmark>(3.0);
        using var provider = services.BuildServiceProvider();

        var profile = provider.GetRequiredService<BenchmarkCatalog>().ApplyTo(Profile);
        Assert.Equal(["lm", "fake", "recall_custom"], profile.Benchmarks.Select(b => b.Name));
        Assert.Equal(3.0, profile.Benchmarks.Single(b => b.Name == "recall_custom").Weight);
        Assert.Equal(0.5, profile.Benchmarks.Single(b => b.Name == "fake").Weight);
        var assemblies = provider.GetRequiredService<IOptions<SandboxOptions>>().Value.BenchmarkAssemblies;
        Assert.Equal(2, assemblies.Count);
        Assert.Contains(typeof(FakeBenchmark).Assembly.Location, assemblies);
    }

    [Fact]
    public void ApplyTo_ProfileNamesTheBenchmark_KeepsProfileWeightAndSettings()
    {
        var catalog = new BenchmarkCatalog();
        catalog.Add(BenchmarkAsiArchBuilderExtensions.Describe(typeof(RecallBenchmark), weight: 4));
        var named = Profile with { Benchmarks = [new BenchmarkSpec("Recall_Custom", 0.25, new Dictionary<string, string> { ["keys"] = "2" })] };

        var applied = catalog.ApplyTo(named);

        var spec = Assert.Single(applied.Benchmarks);
        Assert.Equal(0.25, spec.Weight);
        Assert.Equal("2", spec.Settings["keys"]);
    }

    [Fact]
    public async Task UseBenchmark_CustomPrimaryMetric_FitnessScorerScoresItWithoutCodeChanges()
    {
        var services = new ServiceCollection();
        services.AddAsiArch().UseBenchmark<RecallBenchmark>(1.0);
        services.AddDiscoveryLoop(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var profile = provider.GetRequiredService<BenchmarkCatalog>().ApplyTo(Profile);
        var scorer = provider.GetRequiredService<IFitnessScorer>();
        var result = new TrainingResult
        {
            Tasks =
            [
                new TaskResult { Task = "lm", ValidationLoss = 2.0, Metrics = new Dictionary<string, double> { ["accuracy"] = 0.1 } },
                new TaskResult { Task = "recall_custom", ValidationLoss = 1.0, Metrics = new Dictionary<string, double> { ["accuracy"] = 0.2, ["exact_match"] = 0.9 } },
            ],
        };

        var fitness = await scorer.ScoreAsync(new FitnessRequest
        {
            Result = result,
            Profile = profile,
            Baseline = new BaselineReference { Name = "DeltaNet", Loss = 2.0, BenchmarkScore = 0.9 },
        });

        Assert.True(fitness.Succeeded, fitness.Failure?.ToString());
        Assert.Equal(0.9, fitness.Score!.BenchmarkScore, 10);
    }

    [Fact]
    public void UseBenchmark_ConfigurationNamesAnotherMetric_ConfigurationWins()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Loop:Fitness:PrimaryMetrics:recall_custom"] = "accuracy",
        }).Build();
        var services = new ServiceCollection();
        services.AddAsiArch(configuration).UseBenchmark<RecallBenchmark>();
        services.AddDiscoveryLoop(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal("accuracy", provider.GetRequiredService<IOptions<FitnessOptions>>().Value.PrimaryMetricOf("recall_custom"));
    }

    [Fact]
    public void UseBenchmark_LowerIsBetterWithWeight_ThrowsNamingTheMetric()
    {
        var builder = new ServiceCollection().AddAsiArch();

        var error = Assert.Throws<ArgumentException>(() => builder.UseBenchmark<PerplexityBenchmark>(weight: 1.0));

        Assert.Contains("perplexity", error.Message, StringComparison.Ordinal);
        Assert.Contains("weight 0", error.Message, StringComparison.Ordinal);
        builder.UseBenchmark<PerplexityBenchmark>(weight: 0);
    }

    [Fact]
    public void UseBenchmark_NonPublicType_ThrowsExplainingTheWorker()
    {
        var builder = new ServiceCollection().AddAsiArch();

        var error = Assert.Throws<ArgumentException>(() => builder.UseBenchmark(typeof(InternalBenchmark)));

        Assert.Contains("public parameterless constructor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseBenchmark_NotABenchmark_Throws()
    {
        var builder = new ServiceCollection().AddAsiArch();

        Assert.Throws<ArgumentException>(() => builder.UseBenchmark(typeof(string)));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void UseBenchmark_InvalidWeight_Throws(double weight)
    {
        var builder = new ServiceCollection().AddAsiArch();

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseBenchmark<RecallBenchmark>(weight));
    }
}
