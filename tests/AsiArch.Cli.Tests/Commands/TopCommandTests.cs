using AsiArch.Cli.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace AsiArch.Cli.Tests.Commands;

public sealed class TopCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Top_FixtureDatabase_ListsScoredExperimentsBestFirst()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("top", "--db", db, "-n", "3");

        Assert.Equal(0, run.ExitCode);
        var best = run.Output.IndexOf("gated-conv-delta", StringComparison.Ordinal);
        var second = run.Output.IndexOf("conv-delta ", best + 20, StringComparison.Ordinal);
        Assert.True(best >= 0 && second > best, run.Output);
        Assert.DoesNotContain("delta-silu", run.Output, StringComparison.Ordinal); // rank 6, outside -n 3
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Top_Json_IsValidJsonInRankOrder()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("top", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        var rows = JArray.Parse(run.Output);
        Assert.Equal([5L, 9L, 4L, 2L, 6L, 1L, 3L], rows.Select(r => r["index"]!.Value<long>()));
        Assert.Equal(2.10, rows[0]["fitness"]!["total"]!.Value<double>(), 6);
        Assert.Equal(RunFixture.HostileName, rows[4]["name"]!.Value<string>());
    }

    [Fact]
    public async Task Top_ProfileFilter_ListsOnlyThatProfile()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("top", "--db", db, "--profile", "verify", "--json");

        Assert.Equal(0, run.ExitCode);
        var rows = JArray.Parse(run.Output);
        Assert.Equal([9L], rows.Select(r => r["index"]!.Value<long>()));
    }

    [Fact]
    public async Task Top_UnknownProfile_ExitsWithUsageAndNamesKnownProfiles()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("top", "--db", db, "--profile", "Huge");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown profile 'Huge'", run.Error, StringComparison.Ordinal);
        Assert.Contains("Smoke", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Top_MissingDatabase_FailsAndCreatesNothing()
    {
        var db = _dir.File("nope/run.db");

        var run = await CliHarness.RunAsync("top", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No database at", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
        Assert.False(Directory.Exists(_dir.File("nope")));
    }

    [Fact]
    public async Task Top_CorruptDatabase_FailsClearlyAndLeavesFileUnchanged()
    {
        var db = _dir.File("corrupt.db");
        var bytes = "this is not a database at all, just text pretending to be one....................................................."u8.ToArray();
        await File.WriteAllBytesAsync(db, bytes);

        var run = await CliHarness.RunAsync("top", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a SQLite database", run.Error, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(db));
        Assert.False(File.Exists(db + "-wal"));
    }

    [Fact]
    public async Task Top_DamagedSqliteDatabase_FailsAndLeavesFileUnchanged()
    {
        var db = await RunFixture.CreateAsync(_dir.File("damaged.db"));
        SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(db);
        // Keep the header, wipe the pages after the first: the file still looks like SQLite but its tables are gone.
        for (var i = 4096; i < bytes.Length; i++)
        {
            bytes[i] = 0x5A;
        }

        await File.WriteAllBytesAsync(db, bytes);
        File.Delete(db + "-wal");
        File.Delete(db + "-shm");

        var run = await CliHarness.RunAsync("top", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("corrupt", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task Top_ForeignSqliteDatabase_FailsWithoutCreatingTables()
    {
        var db = _dir.File("other.db");
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)";
            command.ExecuteNonQuery();
        }

        var before = await File.ReadAllBytesAsync(db);

        var run = await CliHarness.RunAsync("top", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not an AsiArch run database", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task Top_EmptyFile_FailsAndStaysEmpty()
    {
        var db = _dir.File("empty.db");
        await File.WriteAllBytesAsync(db, []);

        var run = await CliHarness.RunAsync("top", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is empty", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(db).Length);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public async Task Top_BadCount_ExitsWithUsage(string count)
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("top", "--db", db, "-n", count);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Top_ShowsExamplesAndOptions()
    {
        var run = await CliHarness.RunAsync("top", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Examples:", run.Output, StringComparison.Ordinal);
        Assert.Contains("--db", run.Output, StringComparison.Ordinal);
        Assert.Contains("--json", run.Output, StringComparison.Ordinal);
        Assert.Contains("--profile", run.Output, StringComparison.Ordinal);
    }
}
