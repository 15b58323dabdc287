using AsiArch.Cli.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace AsiArch.Cli.Tests.Commands;

public sealed class ShowCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Show_KnownExperiment_ShowsEverySection()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("show", "5", "--db", db);

        Assert.Equal(0, run.ExitCode);
        foreach (var expected in new[]
        {
            "#5 gated-conv-delta", "Motivation of gated-conv-delta", "fitness", "2.1", "loss", "benchmark", "judge", "mqar", "accuracy",
            "Design of gated-conv-delta is sound.", "ancestors: #4 conv-delta <- #1 DeltaNet", "#7 broken-compile", "#9",
            "public sealed class GatedConvDelta", "ChunkedGatedDeltaRule",
        })
        {
            Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Show_NoSource_LeavesSourceOut()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("show", "5", "--db", db, "--no-source");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("public sealed class GatedConvDelta", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_HostileText_IsPrintedLiterally()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("show", "6", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(RunFixture.HostileName, run.Output, StringComparison.Ordinal);
        Assert.Contains("[bold]markup[/]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_FailedExperiment_ShowsFailureKindAndMessage()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("show", "7", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("CompileError: CS1002: ; expected", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownId_FailsWithRange()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("show", "999", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No experiment with index 999", run.Error, StringComparison.Ordinal);
        Assert.Contains("up to 9", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Show_NonNumericId_ExitsWithUsage()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("show", "abc", "--db", db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("abc", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_MissingDatabase_FailsAndCreatesNothing()
    {
        var db = _dir.File("missing.db");

        var run = await CliHarness.RunAsync("show", "1", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Show_Json_HoldsTheRecordAndItsLineage()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("show", "5", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JObject.Parse(run.Output);
        Assert.Equal("gated-conv-delta", json["experiment"]!["name"]!.Value<string>());
        Assert.Equal(2.10, json["experiment"]!["fitness"]!["total"]!.Value<double>(), 6);
        Assert.Equal([4L, 1L], json["ancestors"]!.Select(a => a["index"]!.Value<long>()));
        Assert.Equal([7L, 9L], json["children"]!.Select(a => a["index"]!.Value<long>()));
    }
}
