using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Tests.Discovery;

public sealed class DiscoveryServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, bool withCatalog = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        var trainer = new FakeTrainer();
        services.AddSingleton<IResearcher>(new FakeResearcher());
        services.AddSingleton<IEngineer>(new FakeEngineer(trainer));
        services.AddSingleton<IAnalyst>(new FakeAnalyst());
        services.AddSingleton<IExperimentStore>(new InMemoryExperimentStore());
        if (withCatalog)
        {
            services.AddSingleton<ISeedCatalog>(LoopHarness.Catalog);
        }

        services.AddDiscoveryLoop(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddDiscoveryLoop_Configuration_BindsLoopAndFitnessOptions()
    {
        using var provider = Build(new()
        {
            ["AsiArch:Loop:PoolSize"] = "20",
            ["AsiArch:Loop:Selection"] = "Uct",
            ["AsiArch:Loop:Fitness:Formula"] = "LossComponent + BenchmarkComponent",
        });

        var loop = provider.GetRequiredService<DiscoveryLoop>();
        Assert.Equal(20, loop.Options.PoolSize);
        Assert.Equal(SelectionStrategy.Uct, loop.Options.Selection);
        Assert.IsType<AsiArchFitnessScorer>(provider.GetRequiredService<IFitnessScorer>());
    }

    [Fact]
    public void AddDiscoveryLoop_BadFormula_FailsValidationNamingTheSetting()
    {
        using var provider = Build(new() { ["AsiArch:Loop:Fitness:Formula"] = "LossComponent +* 2" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FitnessOptions>>().Value);
        Assert.Contains("Formula", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDiscoveryLoop_OutOfRangeSetting_FailsValidation()
    {
        using var provider = Build(new() { ["AsiArch:Loop:PoolSize"] = "0" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiscoveryOptions>>().Value);
    }

    [Fact]
    public void AddDiscoveryLoop_NoSeedCatalog_ExplainsWhatToRegister()
    {
        using var provider = Build([], withCatalog: false);

        var ex = Assert.Throws<InvalidOperationException>(provider.GetRequiredService<DiscoveryLoop>);
        Assert.Contains("ISeedCatalog", ex.Message, StringComparison.Ordinal);
    }
}
