using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.Testing.Conformance;
using Microsoft.Data.Sqlite;

namespace AsiArch.Sdk.Tests.Storage;

/// <summary>SQLite-specific behaviour: file validation, schema versioning, durability settings, clock.</summary>
public sealed class SqliteExperimentStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task OpenAsync_NotSqliteFile_ThrowsSpecificErrorAndLeavesFileUntouched()
    {
        var path = _directory.File("notes.db");
        var content = "name,loss\ndelta_net,4.5\n"u8.ToArray().Concat(new byte[200]).ToArray();
        await File.WriteAllBytesAsync(path, content);

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => SqliteExperimentStore.OpenAsync(path));

        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Fact]
    public async Task OpenAsync_TinyNonSqliteFile_ThrowsNotSqlite()
    {
        var path = _directory.File("tiny.db");
        await File.WriteAllTextAsync(path, "hello");

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => SqliteExperimentStore.OpenAsync(path));

        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal("hello", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_ThrowsSpecificErrorAndLeavesFileUntouched()
    {
        var path = _directory.File("future.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE asiarch_schema(component TEXT PRIMARY KEY, version INTEGER NOT NULL);" +
                "INSERT INTO asiarch_schema VALUES ('experiments', 99), ('cognition', 1);";
            command.ExecuteNonQuery();
        }

        var before = await File.ReadAllBytesAsync(path);

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => SqliteExperimentStore.OpenAsync(path));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains($"version {SqliteExperimentStore.SchemaVersion}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade AsiArch.Sdk", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task OpenAsync_CorruptFileWithSqliteHeader_ThrowsCorruptAndLeavesFileUntouched()
    {
        var path = _directory.File("corrupt.db");
        var random = new Random(5);
        var content = new byte[8192];
        random.NextBytes(content);
        "SQLite format 3\0"u8.CopyTo(content);
        await File.WriteAllBytesAsync(path, content);

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => SqliteExperimentStore.OpenAsync(path));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task OpenAsync_ForeignExperimentsTable_ThrowsAndLeavesFileUntouched()
    {
        var path = _directory.File("foreign.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE experiments(id INTEGER PRIMARY KEY, title TEXT)";
            command.ExecuteNonQuery();
        }

        var before = await File.ReadAllBytesAsync(path);

        var error = await Assert.ThrowsAsync<ExperimentStoreException>(() => SqliteExperimentStore.OpenAsync(path));

        Assert.Contains("already holds a table named 'experiments'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task OpenAsync_NewFile_UsesWalAndRecordsSchemaVersionBesideOtherComponents()
    {
        var path = _directory.File("run.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE asiarch_schema(component TEXT PRIMARY KEY, version INTEGER NOT NULL);" +
                "INSERT INTO asiarch_schema VALUES ('cognition', 3);";
            command.ExecuteNonQuery();
        }

        using (await SqliteExperimentStore.OpenAsync(path))
        {
        }

        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        Assert.Equal("wal", Scalar(check, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteExperimentStore.SchemaVersion, Scalar(check, "SELECT version FROM asiarch_schema WHERE component = 'experiments'"));
        Assert.Equal(3L, Scalar(check, "SELECT version FROM asiarch_schema WHERE component = 'cognition'"));
    }

    [Fact]
    public async Task OpenAsync_EmptyFile_IsInitialised()
    {
        var path = _directory.File("empty.db");
        await File.WriteAllBytesAsync(path, []);

        using var store = await SqliteExperimentStore.OpenAsync(path);
        var created = await store.CreateAsync(ExperimentSamples.Draft("a"));

        Assert.Equal(1, created.Index);
    }

    [Fact]
    public async Task Reopen_ExistingStore_KeepsDataAndContinuesIndexes()
    {
        var path = _directory.File("reopen.db");
        using (var store = await SqliteExperimentStore.OpenAsync(path))
        {
            var a = await store.CreateAsync(ExperimentSamples.Draft("a"));
            await store.UpdateAsync(ExperimentSamples.Filled(a) with { Status = ExperimentStatus.Implemented });
            await store.SetPoolAsync([1]);
            await store.SetRunValueAsync("k", "v");
        }

        using var reopened = await SqliteExperimentStore.OpenAsync(path);
        var b = await reopened.CreateAsync(ExperimentSamples.Draft("b"));

        Assert.Equal(2, b.Index);
        Assert.Equal(ExperimentStatus.Implemented, (await reopened.GetAsync(1))!.Status);
        Assert.Equal([1L], await reopened.GetPoolAsync());
        Assert.Equal("v", await reopened.GetRunValueAsync("k"));
    }

    [Fact]
    public async Task UpdateAsync_DoneToTraining_RejectedAndFileStillSaysDone()
    {
        var path = _directory.File("transition.db");
        long index;
        using (var store = await SqliteExperimentStore.OpenAsync(path))
        {
            var record = await store.CreateAsync(ExperimentSamples.Draft("a"));
            while (record.Status != ExperimentStatus.Done)
            {
                record = await store.UpdateAsync(record with { Status = record.Status + 1 });
            }

            var error = await Assert.ThrowsAsync<InvalidStateTransitionException>(
                () => store.UpdateAsync(record with { Status = ExperimentStatus.Training, Log = "rewritten" }));
            Assert.Equal($"Experiment {record.Index} cannot move from Done to Training: Done is terminal.", error.Message);
            index = record.Index;
        }

        using var reopened = await SqliteExperimentStore.OpenAsync(path);
        var stored = await reopened.GetAsync(index);
        Assert.Equal(ExperimentStatus.Done, stored!.Status);
        Assert.NotEqual("rewritten", stored.Log);
    }

    [Fact]
    public async Task CreateAndUpdate_InjectedClock_StampsTimes()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        using var store = await SqliteExperimentStore.OpenAsync(_directory.File("clock.db"), clock);

        var created = await store.CreateAsync(ExperimentSamples.Draft("a"));
        clock.Advance(TimeSpan.FromMinutes(3));
        var updated = await store.UpdateAsync(created with { Status = ExperimentStatus.Implemented });

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero), created.CreatedAt);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal(created.CreatedAt.AddMinutes(3), updated.UpdatedAt);
        Assert.Equal(updated.UpdatedAt, (await store.GetAsync(1))!.UpdatedAt);
    }

    [Fact]
    public async Task UpdateAsync_ParentNotSmallerIndex_Rejected()
    {
        using var store = await SqliteExperimentStore.OpenAsync(_directory.File("parent.db"));
        var a = await store.CreateAsync(ExperimentSamples.Draft("a"));
        await store.CreateAsync(ExperimentSamples.Draft("b"));

        await Assert.ThrowsAsync<ArgumentException>(() => store.UpdateAsync(a with { Parent = 2 }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpdateAsync(a with { Parent = 1 }));
        Assert.Null((await store.GetAsync(1))!.Parent);
    }

    [Fact]
    public async Task Methods_AfterDispose_ThrowObjectDisposed()
    {
        var store = await SqliteExperimentStore.OpenAsync(_directory.File("disposed.db"));
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAsync(1));
    }

    [Fact]
    public async Task Methods_CancelledToken_ThrowBeforeWriting()
    {
        using var store = await SqliteExperimentStore.OpenAsync(_directory.File("cancel.db"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CreateAsync(ExperimentSamples.Draft("a"), new CancellationToken(canceled: true)));
        Assert.Empty(await store.QueryAsync(new ExperimentQuery()));
    }

    [Fact]
    public async Task WriteTransaction_OtherWriterHoldsLock_WaitsThenCommits()
    {
        var path = _directory.File("locked.db");
        using var store = await SqliteExperimentStore.OpenAsync(new SqliteStoreOptions { Path = path, BusyTimeout = TimeSpan.FromSeconds(20) });
        using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        holder.Open();
        using var lockTransaction = holder.BeginTransaction(deferred: false);

        var create = Task.Run(() => store.CreateAsync(ExperimentSamples.Draft("waiting")));
        await Task.Delay(300);
        Assert.False(create.IsCompleted, "The write should wait for the lock held by the other connection.");
        lockTransaction.Commit();
        var created = await create.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, created.Index);
    }

    [Fact]
    public async Task WriteTransaction_LockHeldPastBusyTimeout_FailsWithoutWriting()
    {
        var path = _directory.File("busy.db");
        using var store = await SqliteExperimentStore.OpenAsync(new SqliteStoreOptions { Path = path, BusyTimeout = TimeSpan.FromMilliseconds(200) });
        using (var holder = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            holder.Open();
            using var lockTransaction = holder.BeginTransaction(deferred: false);

            await Assert.ThrowsAsync<SqliteException>(() => store.CreateAsync(ExperimentSamples.Draft("blocked")));
        }

        Assert.Empty(await store.QueryAsync(new ExperimentQuery()));
    }

    public void Dispose() => _directory.Dispose();

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
