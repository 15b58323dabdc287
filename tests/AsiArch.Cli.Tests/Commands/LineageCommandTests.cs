using AsiArch.Cli.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace AsiArch.Cli.Tests.Commands;

public sealed class LineageCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Lineage_MiddleExperiment_ShowsAncestorsThenDescendants()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("lineage", "4", "--db", db);

        Assert.Equal(0, run.ExitCode);
        var root = run.Output.IndexOf("#1 DeltaNet", StringComparison.Ordinal);
        var self = run.Output.IndexOf("#4 conv-delta", StringComparison.Ordinal);
        var child = run.Output.IndexOf("#5 gated-conv-delta", StringComparison.Ordinal);
        var grandchild = run.Output.IndexOf("#7 broken-compile", StringComparison.Ordinal);
        Assert.True(root >= 0 && self > root && child > self && grandchild > child, run.Output);
        Assert.Contains(RunFixture.HostileName, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_DepthOne_MarksTruncatedBranches()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("lineage", "4", "--db", db, "--depth", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("#5 gated-conv-delta", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("#7 broken-compile", run.Output, StringComparison.Ordinal);
        Assert.Contains("raise --depth", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_Json_NestsDescendants()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("lineage", "1", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JObject.Parse(run.Output);
        Assert.Empty(json["ancestors"]!);
        var children = json["descendants"]!.Select(d => d["index"]!.Value<long>()).ToList();
        Assert.Equal([3L, 4L], children);
        var four = json["descendants"]!.Single(d => d["index"]!.Value<long>() == 4);
        Assert.Equal([5L, 6L], four["children"]!.Select(d => d["index"]!.Value<long>()));
    }

    [Fact]
    public async Task Lineage_UnknownId_Fails()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await CliHarness.RunAsync("lineage", "42", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No experiment with index 42", run.Error, StringComparison.Ordinal);
    }
}
