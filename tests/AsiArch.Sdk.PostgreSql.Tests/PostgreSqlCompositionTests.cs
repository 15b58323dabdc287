using AsiArch.Sdk.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>DI registration and validation of the PostgreSQL stores.</summary>
public sealed class PostgreSqlCompositionTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    [Fact]
    public async Task UsePostgreSqlStores_ConfigurationSection_ResolvesWorkingStores()
    {
        var options = database.NewSchema();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Store:PostgreSql:ConnectionString"] = options.ConnectionString,
            ["AsiArch:Store:PostgreSql:Schema"] = options.Schema,
        }).Build();
        var services = new ServiceCollection();
        services.AddAsiArch(configuration).UsePostgreSqlStores();
        await using var provider = services.BuildServiceProvider();

        var experiments = provider.GetRequiredService<IExperimentStore>();
        var cognition = provider.GetRequiredService<ICognitionStore>();
        var created = await experiments.CreateAsync(new ExperimentDraft { Name = "via-di" });
        await cognition.AddAsync(new CognitionEntry { Id = "via-di", TriggerPatterns = "di works" });

        Assert.IsType<PostgreSqlExperimentStore>(experiments);
        Assert.IsType<PostgreSqlCognitionStore>(cognition);
        Assert.NotNull(experiments.GetService<IExperimentCoordination>());
        Assert.Equal("via-di", (await experiments.GetAsync(created.Index))!.Name);
        Assert.Single(await cognition.ListAsync());
    }

    [Theory]
    [InlineData(null, "public", "AsiArch:Store:PostgreSql:ConnectionString")]
    [InlineData("Host=x;Bogus Key=1", "public", "AsiArch:Store:PostgreSql:ConnectionString")]
    [InlineData("Host=x;Database=y", "Bad-Schema", "AsiArch:Store:PostgreSql:Schema")]
    [InlineData("Host=x;Database=y", "", "AsiArch:Store:PostgreSql:Schema")]
    public void UsePostgreSqlStores_InvalidSetting_ErrorNamesTheSetting(string? connectionString, string schema, string setting)
    {
        var services = new ServiceCollection();
        services.AddAsiArch().UsePostgreSqlStores(o =>
        {
            o.ConnectionString = connectionString!;
            o.Schema = schema;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgreSqlExperimentStore(new PostgreSqlStoreOptions { ConnectionString = "Host=x", CommandTimeout = TimeSpan.Zero }));

        Assert.Contains("AsiArch:Store:PostgreSql:CommandTimeout", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PostgreSqlCognitionStore(new PostgreSqlStoreOptions { ConnectionString = "Host=x", LexicalWeight = 2 }));
    }
}
