using System.Globalization;

namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>A fresh database per test class, dropped afterwards; each store inside it gets its own schema.</summary>
public sealed class PostgreSqlDatabaseFixture : IAsyncLifetime
{
    private int _schemas;

    /// <summary>The database name.</summary>
    public string Database { get; } = "asiarch_test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Connection string of the database.</summary>
    public string ConnectionString => PostgreSqlServer.ConnectionString(Database);

    /// <summary>Options for a store in a new, empty schema of the database.</summary>
    public PostgreSqlStoreOptions NewSchema(string prefix = "s") => new()
    {
        ConnectionString = ConnectionString,
        Schema = prefix + Interlocked.Increment(ref _schemas).ToString(CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await PostgreSqlServer.EnsureRunningAsync();
        await PostgreSqlServer.ExecuteAdminAsync($"CREATE DATABASE {Database}");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Plain DROP also stops an autovacuum worker in the database; FORCE ends sessions a test left open.
                await PostgreSqlServer.ExecuteAdminAsync($"DROP DATABASE IF EXISTS {Database}" + (attempt % 2 == 0 ? " WITH (FORCE)" : ""));
                return;
            }
            catch (Npgsql.PostgresException) when (attempt < 6)
            {
                await Task.Delay(500);
            }
        }
    }
}
