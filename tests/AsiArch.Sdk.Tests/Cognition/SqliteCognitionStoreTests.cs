using AsiArch.Sdk.Cognition;
using Microsoft.Data.Sqlite;

namespace AsiArch.Sdk.Tests.Cognition;

public sealed class SqliteCognitionStoreTests : IDisposable
{
    private readonly CognitionTempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CognitionEntry Entry(string id, string trigger) => new()
    {
        Id = id,
        TriggerPatterns = trigger,
        Background = "b",
        Source = new CognitionSource { Title = "T " + id, ArxivId = "2401.00001", Year = 2024 },
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task OpenAsync_NotSqliteFile_ThrowsAndLeavesFileUntouched()
    {
        var path = _folder.File("notes.db");
        var bytes = "this is a text file, not a database, and it is long enough to look like one..........................................."u8.ToArray();
        await File.WriteAllBytesAsync(path, bytes);
        var ex = await Assert.ThrowsAsync<ExperimentStoreException>(() => SqliteCognitionStore.OpenAsync(path));
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Fact]
    public async Task OpenAsync_NewerCognitionSchema_ThrowsAndLeavesFileUntouched()
    {
        var path = _folder.File("newer.db");
        using (var store = await SqliteCognitionStore.OpenAsync(path))
        {
            await store.AddAsync(Entry("a", "recall"));
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); UPDATE asiarch_schema SET version = 99 WHERE component = 'cognition'; PRAGMA journal_mode=DELETE;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(path);
        var ex = await Assert.ThrowsAsync<ExperimentStoreException>(() => SqliteCognitionStore.OpenAsync(path));
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task OpenAsync_SharedDatabaseWithOtherComponent_KeepsBothSchemaRows()
    {
        var path = _folder.File("run.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE asiarch_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO asiarch_schema VALUES ('experiments', 3); CREATE TABLE experiments (idx INTEGER);";
            command.ExecuteNonQuery();
        }

        using (var store = await SqliteCognitionStore.OpenAsync(path))
        {
            await store.AddAsync(Entry("a", "recall"));
        }

        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var query = check.CreateCommand();
        query.CommandText = "SELECT component || '=' || version FROM asiarch_schema ORDER BY component";
        var rows = new List<string>();
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["cognition=1", "experiments=3"], rows);
        query.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", query.ExecuteScalar() as string);
    }

    [Fact]
    public async Task AddAsync_Reopen_EntryPersists()
    {
        var path = _folder.File("persist.db");
        using (var store = await SqliteCognitionStore.OpenAsync(path))
        {
            await store.AddAsync(Entry("a", "loss diverges"));
        }

        using var reopened = await SqliteCognitionStore.OpenAsync(path);
        Assert.Equal(Entry("a", "loss diverges"), await reopened.GetAsync("a"));
        Assert.Equal("a", (await reopened.SearchAsync("diverges", 1)).Single().Entry.Id);
    }

    [Fact]
    public async Task ExportJsonAsync_ImportIntoNewStore_RoundTripsEveryEntry()
    {
        using var source = await SqliteCognitionStore.OpenAsync(_folder.File("src.db"));
        await source.AddAsync(Entry("a", "recall drops"));
        await source.AddAsync(Entry("b", "throughput low") with { Kind = CognitionKind.ExperimentDerived, ExperimentIndex = 7, Source = null });
        var json = await source.ExportJsonAsync();

        using var target = await SqliteCognitionStore.OpenAsync(_folder.File("dst.db"));
        Assert.Equal(2, await target.ImportJsonAsync(json));
        Assert.Equal(await source.ListAsync(), await target.ListAsync());
    }

    [Theory]
    [InlineData("not json at all {")]
    [InlineData("{\"format\": \"something-else\", \"version\": 1, \"entries\": []}")]
    [InlineData("{\"format\": \"asiarch-cognition\", \"version\": 9, \"entries\": []}")]
    [InlineData("{\"format\": \"asiarch-cognition\", \"version\": 1, \"entries\": [{\"id\": \"a\", \"triggerPatterns\": \"x\"}, {\"id\": \"b\", \"triggerPatterns\": \"\"}]}")]
    [InlineData("{\"format\": \"asiarch-cognition\", \"version\": 1, \"entries\": [{\"id\": \"a\", \"triggerPatterns\": \"x\"}, {\"id\": \"a\", \"triggerPatterns\": \"y\"}]}")]
    public async Task ImportJsonAsync_InvalidDocument_ThrowsFormatExceptionAndWritesNothing(string json)
    {
        using var store = await SqliteCognitionStore.OpenAsync(_folder.File("bad.db"));
        await Assert.ThrowsAsync<FormatException>(() => store.ImportJsonAsync(json));
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task SearchAsync_WithEmbeddingGenerator_UsesItsVectors()
    {
        // The generator maps "alpha" texts and the query to the same direction; lexically the query shares no word.
        float[] Embed(string text) => text.Contains("alpha", StringComparison.Ordinal) || text.Contains("synonym", StringComparison.Ordinal)
            ? [1f, 0f, 0f]
            : [0f, 1f, 0f];
        var generator = new FakeEmbeddingGenerator(Embed);
        using var store = new SqliteCognitionStore(new SqliteCognitionStoreOptions { Path = _folder.File("emb.db") }, generator);
        await store.AddAsync(Entry("x", "beta gamma"));
        await store.AddAsync(Entry("y", "alpha delta"));
        var hits = await store.SearchAsync("synonym", 1);
        Assert.Equal("y", Assert.Single(hits).Entry.Id);
        Assert.Contains("synonym", generator.Inputs);
        Assert.Equal("generator:fake-model", store.EmbeddingModelId);
    }

    [Fact]
    public async Task SearchAsync_EmbedderChanged_ReembedsStoredEntries()
    {
        var path = _folder.File("change.db");
        using (var store = await SqliteCognitionStore.OpenAsync(path))
        {
            await store.AddAsync(Entry("x", "beta gamma"));
        }

        var generator = new FakeEmbeddingGenerator(_ => [1f, 0f]);
        using var withModel = new SqliteCognitionStore(new SqliteCognitionStoreOptions { Path = path }, generator);
        await withModel.SearchAsync("anything", 1);
        Assert.Contains("beta gamma", generator.Inputs);
        generator.Inputs.Clear();
        await withModel.SearchAsync("anything", 1);
        Assert.DoesNotContain("beta gamma", generator.Inputs);
    }

    [Fact]
    public async Task SearchAsync_NonPositiveCount_Throws()
    {
        using var store = await SqliteCognitionStore.OpenAsync(_folder.File("count.db"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SearchAsync("x", 0));
    }

    [Fact]
    public async Task RemoveAsync_Existing_RemovesFromListAndSearch()
    {
        using var store = await SqliteCognitionStore.OpenAsync(_folder.File("rm.db"));
        await store.AddAsync(Entry("a", "recall drops"));
        Assert.True(await store.RemoveAsync("a"));
        Assert.False(await store.RemoveAsync("a"));
        Assert.Empty(await store.ListAsync());
        Assert.Empty(await store.SearchAsync("recall", 3));
    }
}
