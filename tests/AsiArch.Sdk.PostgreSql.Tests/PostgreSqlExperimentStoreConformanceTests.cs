using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>The experiment store conformance suite against a real PostgreSQL server, one schema per test.</summary>
public sealed class PostgreSqlExperimentStoreConformanceTests(PostgreSqlDatabaseFixture database)
    : ExperimentStoreConformanceTests, IClassFixture<PostgreSqlDatabaseFixture>
{
    /// <inheritdoc />
    protected override async Task<IExperimentStore> CreateStoreAsync() =>
        await PostgreSqlExperimentStore.OpenAsync(database.NewSchema());
}
