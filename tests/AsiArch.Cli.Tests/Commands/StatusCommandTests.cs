using System.CommandLine;
using AsiArch.Cli.Commands;
using AsiArch.Cli.Inspection;
using AsiArch.Cli.Tests.Fixtures;
using AsiArch.Sdk.Storage.Sqlite;
using Newtonsoft.Json.Linq;
using Spectre.Console.Testing;

namespace AsiArch.Cli.Tests.Commands;

public sealed class StatusCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Status is registered by Program.cs next to the inspection commands; the test root adds it the same way.
    private static async Task<CliRun> RunStatusAsync(params string[] args)
    {
        var output = new TestConsole().Width(250);
        var error = new TestConsole().Width(250);
        var context = new InspectionContext(output, error, new FixedTimeProvider(RunFixture.Start.AddDays(1)));
        var root = new RootCommand("asiarch test root");
        root.Subcommands.Add(StatusCommand.Create(context));
        var code = await InspectionCommands.InvokeAsync(root, args, context);
        return new CliRun(code, output.Output, error.Output);
    }

    [Fact]
    public async Task Status_Json_HasTheDocumentedShape()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        using (var store = await SqliteExperimentStore.OpenAsync(db))
        {
            await store.SetRunValueAsync("stopReason", "MaxExperiments");
        }

        var run = await RunStatusAsync("status", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        var root = JObject.Parse(run.Output);
        Assert.Equal(["counts", "experiments", "stopReason"], root.Properties().Select(p => p.Name));
        Assert.Equal("MaxExperiments", root["stopReason"]!.Value<string>());
        var experiments = (JArray)root["experiments"]!;
        Assert.Equal(RunFixture.Experiments.Count, experiments.Count);
        var counts = (JObject)root["counts"]!;
        Assert.Equal(RunFixture.Experiments.Count, counts.Properties().Sum(p => p.Value.Value<int>()));
        foreach (var expected in RunFixture.Experiments)
        {
            var row = experiments.Single(e => e["index"]!.Value<long>() == expected.Index);
            Assert.Equal(expected.Name, row["name"]!.Value<string>());
            Assert.Equal(expected.Status.ToString(), row["status"]!.Value<string>());
            Assert.Equal(expected.Kind.ToString(), row["kind"]!.Value<string>());
            Assert.Equal(expected.Failure?.Kind.ToString(), row["failureKind"]!.Value<string?>());
            Assert.Equal(expected.Fitness?.Total, row["fitness"]!.Value<double?>());
            Assert.Equal(expected.Parent, row["parent"]!.Value<long?>());
        }
    }

    [Fact]
    public async Task Status_MissingDatabase_FailsWithoutCreatingIt()
    {
        var path = _dir.File("missing.db");

        var run = await RunStatusAsync("status", "--db", path);

        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Status_Text_ShowsCountsAndStopReason()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));

        var run = await RunStatusAsync("status", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{RunFixture.Experiments.Count} experiment(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Stop reason", run.Output, StringComparison.Ordinal);
    }
}
