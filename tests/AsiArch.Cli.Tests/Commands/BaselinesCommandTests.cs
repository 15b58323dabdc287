using AsiArch.Cli.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace AsiArch.Cli.Tests.Commands;

public sealed class BaselinesCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Baselines_FixtureDatabase_ListsSeedAndBaselineWithMeasuredValues()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("baselines", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("DeltaNet", run.Output, StringComparison.Ordinal);
        Assert.Contains("GatedDeltaNet", run.Output, StringComparison.Ordinal);
        Assert.Contains("1.45", run.Output, StringComparison.Ordinal); // GatedDeltaNet loss 2 - 0.55
        Assert.DoesNotContain("conv-delta", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Baselines_Json_HasOneRowPerReference()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("baselines", "--db", db, "--json", "--profile", "Smoke");

        Assert.Equal(0, run.ExitCode);
        var rows = JArray.Parse(run.Output);
        Assert.Equal(["DeltaNet", "GatedDeltaNet"], rows.Select(r => r["name"]!.Value<string>()));
        Assert.Equal(1.5, rows[0]["loss"]!.Value<double>(), 6);
    }

    [Fact]
    public async Task Baselines_BadProfile_ExitsWithUsage()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("baselines", "--db", db, "--profile", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown profile 'nope'", run.Error, StringComparison.Ordinal);
    }
}
