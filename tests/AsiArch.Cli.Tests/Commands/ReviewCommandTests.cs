using System.CommandLine;
using AsiArch.Cli.Inspection;
using AsiArch.Cli.Tests.Fixtures;
using AsiArch.Sdk;
using AsiArch.Sdk.Review;
using Spectre.Console.Testing;

namespace AsiArch.Cli.Tests.Commands;

public sealed class ReviewCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Review_PendingItems_ListsThem()
    {
        var folder = new ReviewFolder(_dir.File("review"));
        var id = folder.Submit(Proposal("gated_delta"), 12, RunFixture.Start);

        var run = await RunAsync("review", "--folder", folder.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(id, run.Output, StringComparison.Ordinal);
        Assert.Contains("gated_delta", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 pending", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_RejectWithNote_WritesTheDecisionFileTheResearcherReads()
    {
        var folder = new ReviewFolder(_dir.File("review"));
        var id = folder.Submit(Proposal("gated_delta"), null, RunFixture.Start);

        var run = await RunAsync("review", "--folder", folder.Root, "--id", id, "--reject", "--note", "softmax in disguise");

        Assert.Equal(0, run.ExitCode);
        var decision = folder.ReadDecision(id);
        Assert.Equal(ReviewDecision.Reject, decision.Decision);
        Assert.Equal("softmax in disguise", decision.Note);
    }

    [Fact]
    public async Task Review_ShowItem_PrintsMotivationAndSource()
    {
        var folder = new ReviewFolder(_dir.File("review"));
        var id = folder.Submit(Proposal("gated_delta"), 3, RunFixture.Start);

        var run = await RunAsync("review", "--folder", folder.Root, "--id", id);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Gate the delta write.", run.Output, StringComparison.Ordinal);
        Assert.Contains("class GatedDelta", run.Output, StringComparison.Ordinal);
        Assert.Null(folder.ReadDecision(id).Decision);
    }

    [Fact]
    public async Task Review_TwoDecisions_IsUsageError()
    {
        var folder = new ReviewFolder(_dir.File("review"));
        var id = folder.Submit(Proposal("gated_delta"), 3, RunFixture.Start);

        var run = await RunAsync("review", "--folder", folder.Root, "--id", id, "--approve", "--reject");

        Assert.Equal(2, run.ExitCode);
        Assert.Null(folder.ReadDecision(id).Decision);
    }

    [Fact]
    public async Task Review_UnknownItem_FailsNamingIt()
    {
        var folder = new ReviewFolder(_dir.File("review"));

        var run = await RunAsync("review", "--folder", folder.Root, "--id", "nope", "--approve");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_MissingFolder_FailsWithoutCreatingIt()
    {
        var missing = _dir.File("none");

        var run = await RunAsync("review", "--folder", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No review folder", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    private static Proposal Proposal(string name) => new()
    {
        Name = name,
        Motivation = "Gate the delta write.\nSecond line.",
        Source = new CandidateSource("public sealed class GatedDelta { }"),
    };

    private static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new TestConsole().Width(250);
        var error = new TestConsole().Width(250);
        var context = new InspectionContext(output, error, new FixedTimeProvider(RunFixture.Start));
        var root = new RootCommand("asiarch test root");
        root.Subcommands.Add(AsiArch.Cli.Commands.ReviewCommand.Create(context));
        var code = await InspectionCommands.InvokeAsync(root, args, context);
        return new CliRun(code, output.Output, error.Output);
    }
}
