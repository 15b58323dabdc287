using AsiArch.Cli.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace AsiArch.Cli.Tests.Commands;

public sealed class ExportImportCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ExportThenImport_File_RoundTripsEveryExperiment()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        var file = _dir.File("run.json");
        var copy = _dir.File("copy.db");

        var export = await CliHarness.RunAsync("export", "--db", db, "--out", file);
        var import = await CliHarness.RunAsync("import", "--db", copy, "--in", file, "--json");
        var top = await CliHarness.RunAsync("top", "--db", copy, "--json");

        Assert.Equal(0, export.ExitCode);
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(9, JObject.Parse(import.Output)["experiments"]!.Value<int>());
        Assert.Equal([5L, 9L, 4L, 2L, 6L, 1L, 3L], JArray.Parse(top.Output).Select(r => r["index"]!.Value<long>()));
    }

    [Fact]
    public async Task ExportGallery_WritesExperimentsTreeAndState()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        var folder = _dir.File("gallery");

        var run = await CliHarness.RunAsync("export", "--db", db, "--out", folder, "--gallery");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(9, JArray.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "experiments.json"))).Count);
        Assert.True(File.Exists(Path.Combine(folder, "tree.json")));
        var copy = _dir.File("copy.db");
        Assert.Equal(0, (await CliHarness.RunAsync("import", "--db", copy, "--in", folder)).ExitCode);
    }

    [Fact]
    public async Task Export_MissingDatabase_FailsAndWritesNothing()
    {
        var run = await CliHarness.RunAsync("export", "--db", _dir.File("none.db"), "--out", _dir.File("x.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists(_dir.File("x.json")));
        Assert.False(File.Exists(_dir.File("none.db")));
    }

    [Fact]
    public async Task Import_MalformedExport_FailsAndLeavesNoDatabase()
    {
        var file = _dir.File("bad.json");
        await File.WriteAllTextAsync(file, "{ this is not json");

        var run = await CliHarness.RunAsync("import", "--db", _dir.File("new.db"), "--in", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a valid export", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("new.db")));
    }

    [Fact]
    public async Task Import_IntoNonEmptyDatabaseWithoutMerge_FailsAndKeepsIt()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        var file = _dir.File("run.json");
        Assert.Equal(0, (await CliHarness.RunAsync("export", "--db", db, "--out", file)).ExitCode);

        var run = await CliHarness.RunAsync("import", "--db", db, "--in", file);

        Assert.Equal(1, run.ExitCode);
        // The message is long (it names the temp path), so the console may wrap it.
        Assert.Contains("Nothing was imported", System.Text.RegularExpressions.Regex.Replace(run.Error, "\\s+", " "), StringComparison.Ordinal);
        Assert.True(File.Exists(db));
        Assert.Equal(0, (await CliHarness.RunAsync("show", "9", "--db", db)).ExitCode);
    }
}
