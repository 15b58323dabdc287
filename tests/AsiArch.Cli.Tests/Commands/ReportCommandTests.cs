using AsiArch.Cli.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace AsiArch.Cli.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Report_FixtureDatabase_WritesHtmlMarkdownAndPlots()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        var outDir = _dir.File("out");

        var run = await CliHarness.RunAsync("report", "--db", db, "--out", outDir, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JObject.Parse(run.Output);
        Assert.Equal(9, json["experiments"]!.Value<int>());
        Assert.Equal(1, json["discoveries"]!.Value<int>());
        Assert.True(File.Exists(Path.Combine(outDir, "index.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "report.md")));
        Assert.True(new FileInfo(Path.Combine(outDir, "images", "discovery.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(outDir, "images", "fitness.png")).Length > 1000);
    }

    [Fact]
    public async Task Report_MissingDatabase_WritesNothing()
    {
        var outDir = _dir.File("out");

        var run = await CliHarness.RunAsync("report", "--db", _dir.File("missing.db"), "--out", outDir);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No database at", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.False(File.Exists(_dir.File("missing.db")));
    }

    [Fact]
    public async Task Report_UnknownProfile_ExitsWithUsageAndWritesNothing()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        var outDir = _dir.File("out");

        var run = await CliHarness.RunAsync("report", "--db", db, "--out", outDir, "--profile", "Gigantic");

        Assert.Equal(2, run.ExitCode);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Report_WithoutOut_ExitsWithUsage()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("report", "--db", db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_OutIsAFile_FailsAndLeavesTheFile()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        var file = _dir.File("taken");
        await File.WriteAllTextAsync(file, "keep me");

        var run = await CliHarness.RunAsync("report", "--db", db, "--out", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
    }
}
