using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>The cognition store conformance suite against a real PostgreSQL server, one schema per test.</summary>
public sealed class PostgreSqlCognitionStoreConformanceTests(PostgreSqlDatabaseFixture database)
    : CognitionStoreConformanceTests, IClassFixture<PostgreSqlDatabaseFixture>, IAsyncLifetime
{
    private readonly List<PostgreSqlCognitionStore> _stores = [];

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override async Task<ICognitionStore> CreateStoreAsync()
    {
        var store = await PostgreSqlCognitionStore.OpenAsync(database.NewSchema());
        _stores.Add(store);
        return store;
    }
}
