using AsiArch.Sdk.Cognition;
using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Tests.Cognition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.Tests.Offline;

public sealed class OfflineCompositionTests : IDisposable
{
    private readonly CognitionTempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void UseOfflineAgents_WithSqliteStore_ResolvesEveryOfflineRoleSharingTheDatabase()
    {
        var path = _folder.File("run.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Offline:Strategy"] = "RandomSampling",
            ["AsiArch:Offline:ExplorationConstant"] = "0.7",
        }).Build();
        var services = new ServiceCollection();
        services.AddAsiArch(configuration).UseSqliteExperimentStore(path).UseOfflineAgents();
        using var provider = services.BuildServiceProvider();
        var researcher = Assert.IsType<EvolutionaryResearcher>(provider.GetRequiredService<IResearcher>());
        Assert.Equal(SearchStrategy.RandomSampling, researcher.Options.Strategy);
        Assert.Equal(0.7, researcher.Options.ExplorationConstant);
        Assert.IsType<StatisticalAnalyst>(provider.GetRequiredService<IAnalyst>());
        Assert.IsType<MetricQualityJudge>(provider.GetRequiredService<IQualityJudge>());
        var cognition = Assert.IsType<SqliteCognitionStore>(provider.GetRequiredService<ICognitionStore>());
        Assert.Equal(Path.GetFullPath(path), cognition.DatabasePath);
    }

    [Fact]
    public void UseEvolutionaryResearcher_InvalidOption_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddAsiArch().UseEvolutionaryResearcher(o => o.MaxAttempts = 0);
        using var provider = services.BuildServiceProvider();
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<IResearcher>());
    }
}
