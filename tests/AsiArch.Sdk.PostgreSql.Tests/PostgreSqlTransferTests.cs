using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>Whole-run snapshots between the SQLite and PostgreSQL experiment stores.</summary>
public sealed class PostgreSqlTransferTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "asiarch-pg-transfer-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task WriteSnapshotAsync_FromSqlite_RoundTripsAndIndexesContinue()
    {
        using var sqlite = await SqliteExperimentStore.OpenAsync(Path.Combine(_directory, "run.db"));
        var root = await sqlite.CreateAsync(ExperimentSamples.Draft("root", kind: ExperimentKind.Seed));
        var child = await sqlite.CreateAsync(ExperimentSamples.Draft("child", parent: root.Index));
        await sqlite.UpdateAsync(ExperimentSamples.Filled(child) with { Status = ExperimentStatus.Implemented });
        await sqlite.SetPoolAsync([child.Index, root.Index]);
        await sqlite.SetRunValueAsync("stopReason", "budget");
        await sqlite.AppendInteractionAsync(new ModelInteraction
        {
            ExperimentIndex = child.Index, Role = "researcher", Step = "propose", RequestHash = "h1", Request = "q", Response = "a",
            CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
        });
        var snapshot = await sqlite.ReadSnapshotAsync();

        await using var postgres = await PostgreSqlExperimentStore.OpenAsync(database.NewSchema());
        await postgres.WriteSnapshotAsync(snapshot);
        var copy = await postgres.ReadSnapshotAsync();
        var next = await postgres.CreateAsync(ExperimentSamples.Draft("after-import"));

        StructuralAssert.Equal(snapshot, copy);
        Assert.Equal(3, next.Index);
        await Assert.ThrowsAsync<InvalidOperationException>(() => postgres.WriteSnapshotAsync(snapshot));
        await Assert.ThrowsAsync<InvalidOperationException>(() => postgres.WriteSnapshotAsync(snapshot, allowNonEmpty: true));
        Assert.Equal(3, (await postgres.QueryAsync(new ExperimentQuery())).Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
