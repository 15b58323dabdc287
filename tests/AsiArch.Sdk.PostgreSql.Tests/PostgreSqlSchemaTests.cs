using AsiArch.Sdk.Testing.Conformance;
using Npgsql;

namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>Schema versioning, migrations and foreign or newer schemas on a real server.</summary>
public sealed class PostgreSqlSchemaTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    [Fact]
    public async Task OpenAsync_NewerExperimentSchema_ThrowsAndChangesNothing()
    {
        var options = database.NewSchema();
        await using (var store = await PostgreSqlExperimentStore.OpenAsync(options))
        {
            await store.CreateAsync(ExperimentSamples.Draft("kept"));
        }

        await ExecuteAsync(options, "UPDATE asiarch_schema SET version = 99 WHERE component = 'experiments'");
        var before = await DumpAsync(options);

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => PostgreSqlExperimentStore.OpenAsync(options));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DumpAsync(options));
    }

    [Fact]
    public async Task OpenAsync_NewerCognitionSchema_ThrowsAndChangesNothing()
    {
        var options = database.NewSchema();
        await using (var store = await PostgreSqlCognitionStore.OpenAsync(options))
        {
            await store.AddAsync(new CognitionEntry { Id = "kept", TriggerPatterns = "loss plateau" });
        }

        await ExecuteAsync(options, "UPDATE asiarch_schema SET version = 7 WHERE component = 'cognition'");
        var before = await DumpAsync(options);

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => PostgreSqlCognitionStore.OpenAsync(options));

        Assert.Contains("cognition store", error.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 7", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DumpAsync(options));
    }

    [Fact]
    public async Task OpenAsync_ForeignExperimentsTable_ThrowsAndCreatesNothing()
    {
        var options = database.NewSchema();
        await ExecuteAsync(options, $"CREATE SCHEMA {options.Schema}; CREATE TABLE {options.Schema}.experiments (id integer, note text); INSERT INTO {options.Schema}.experiments VALUES (1, 'theirs')");
        var before = await DumpAsync(options);

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => PostgreSqlExperimentStore.OpenAsync(options));

        Assert.Contains("'experiments' that no AsiArch experiment store created", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DumpAsync(options));
        Assert.DoesNotContain("asiarch_schema", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_ForeignSchemaTable_ThrowsAndChangesNothing()
    {
        var options = database.NewSchema();
        await ExecuteAsync(options, $"CREATE SCHEMA {options.Schema}; CREATE TABLE {options.Schema}.asiarch_schema (name text, data jsonb)");
        var before = await DumpAsync(options);

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => PostgreSqlCognitionStore.OpenAsync(options));

        Assert.Contains("'asiarch_schema' that AsiArch did not create", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DumpAsync(options));
    }

    [Fact]
    public async Task OpenAsync_CorruptVersionRow_ThrowsAndChangesNothing()
    {
        var options = database.NewSchema();
        await using (await PostgreSqlExperimentStore.OpenAsync(options))
        {
        }

        await ExecuteAsync(options, "UPDATE asiarch_schema SET version = -3 WHERE component = 'experiments'");
        var before = await DumpAsync(options);

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => PostgreSqlExperimentStore.OpenAsync(options));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DumpAsync(options));
    }

    [Fact]
    public async Task OpenAsync_BothStoresOneSchema_ShareVersionTableAndKeepData()
    {
        var options = database.NewSchema();
        await using (var experiments = await PostgreSqlExperimentStore.OpenAsync(options))
        await using (var cognition = await PostgreSqlCognitionStore.OpenAsync(options))
        {
            await experiments.CreateAsync(ExperimentSamples.Draft("a"));
            await cognition.AddAsync(new CognitionEntry { Id = "x", TriggerPatterns = "recall drops" });
        }

        await using var reopened = await PostgreSqlExperimentStore.OpenAsync(options);
        await using var reopenedCognition = await PostgreSqlCognitionStore.OpenAsync(options);

        Assert.Equal("a", (await reopened.GetAsync(1))!.Name);
        Assert.Equal("x", (await reopenedCognition.GetAsync("x"))!.Id);
        Assert.Contains("cognition=1", await DumpAsync(options), StringComparison.Ordinal);
        Assert.Contains($"experiments={PostgreSqlExperimentStore.SchemaVersion}", await DumpAsync(options), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_ManyProcessesRacingOnFreshSchema_AllSucceed()
    {
        var options = database.NewSchema();
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgreSqlExperimentStore(options)).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync())));
        var created = await Task.WhenAll(stores.Select(s => s.CreateAsync(ExperimentSamples.Draft("x"))));

        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), created.Select(r => r.Index).Order());
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task OpenAsync_UnreachableServer_ThrowsNamingHost()
    {
        var options = new PostgreSqlStoreOptions { ConnectionString = "Host=127.0.0.1;Port=1;Database=nowhere;Username=u;Password=p;Timeout=2" };

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => PostgreSqlExperimentStore.OpenAsync(options));

        Assert.Contains("127.0.0.1:1/nowhere", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task ExecuteAsync(PostgreSqlStoreOptions options, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { SearchPath = options.Schema }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The schema's tables with their row counts and the version rows: enough to see any change.</summary>
    private static async Task<string> DumpAsync(PostgreSqlStoreOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @s ORDER BY table_name", connection))
        {
            command.Parameters.AddWithValue("s", options.Schema);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{options.Schema}\".\"{table}\"", connection);
            lines.Add($"{table}:{await count.ExecuteScalarAsync()}");
        }

        if (tables.Contains("asiarch_schema"))
        {
            await using var versions = new NpgsqlCommand($"SELECT * FROM \"{options.Schema}\".asiarch_schema", connection);
            await using var reader = await versions.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.FieldCount == 2 && reader.GetFieldType(1) == typeof(int) ? $"{reader.GetValue(0)}={reader.GetValue(1)}" : "foreign-row");
            }
        }

        return string.Join("\n", lines);
    }
}
