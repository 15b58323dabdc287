using AsiArch.Cli.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace AsiArch.Cli.Tests.Commands;

/// <summary><c>asiarch baselines --measure</c>: trains the references in the sandboxed worker, then lists them.</summary>
[Collection("torch")]
public sealed class BaselinesMeasureTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Measure_SmokeProfile_TrainsTheSeedAndListsItMeasured()
    {
        var db = _dir.File("measured/run.db");

        var run = await CliHarness.RunAsync("baselines", "--db", db, "--measure", "--profile", "Smoke", "--only", "DeltaNet", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        // Progress lines come first (the console is not a terminal); the JSON array is the last block.
        var start = run.Output.StartsWith('[') ? 0 : run.Output.LastIndexOf("\n[", StringComparison.Ordinal) + 1;
        var json = run.Output[start..];
        var row = Assert.Single(JArray.Parse(json));
        Assert.True(string.Equals(row["status"]!.ToString(), "Done", StringComparison.OrdinalIgnoreCase), run.Output);
        Assert.Equal("DeltaNet", row["name"]!.Value<string>());
        Assert.Equal("Smoke", row["profileName"]!.Value<string>());
        Assert.True(row["loss"]!.Value<double>() is > 0 and < 10, row.ToString());
        Assert.NotEqual(JTokenType.Null, row["fitness"]!.Type);
    }

    [Fact]
    public async Task Measure_UnknownBaseline_ExitsWithUsageAndWritesNothing()
    {
        var db = _dir.File("nothing/run.db");

        var run = await CliHarness.RunAsync("baselines", "--db", db, "--measure", "--profile", "Smoke", "--only", "Transformer,Hyena");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown baseline(s) in --only: Hyena", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Only_WithoutMeasure_ExitsWithUsage()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("baselines", "--db", db, "--only", "Transformer");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--only applies to --measure", run.Error, StringComparison.Ordinal);
    }
}
