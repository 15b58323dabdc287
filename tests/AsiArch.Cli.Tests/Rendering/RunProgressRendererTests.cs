using AsiArch.Cli.Rendering;
using AsiArch.Cli.Tests.Fixtures;
using AsiArch.Sdk;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Discovery.Events;
using Spectre.Console.Testing;

namespace AsiArch.Cli.Tests.Rendering;

public sealed class RunProgressRendererTests
{
    private static readonly ExperimentRecord Seed = RunFixture.Experiments[0];
    private static readonly ExperimentRecord Best = RunFixture.Experiments[4];
    private static readonly ExperimentRecord Broken = RunFixture.Experiments[6];

    private static IEnumerable<DiscoveryEvent> Run()
    {
        var t = RunFixture.Start;
        yield return new ExperimentProposedEvent { Experiment = Seed with { Status = ExperimentStatus.Proposed }, Timestamp = t };
        yield return new ExperimentProposedEvent { Experiment = Best with { Status = ExperimentStatus.Proposed }, Timestamp = t.AddSeconds(1) };
        yield return new ExperimentImplementedEvent { Experiment = Best with { Status = ExperimentStatus.Validated }, Timestamp = t.AddSeconds(2) };
        for (var step = 10; step <= 120; step += 10)
        {
            yield return new TrainingProgressEvent
            {
                ExperimentIndex = Best.Index,
                Progress = new TrainingProgress { Task = "mqar", Step = step, TotalSteps = 120, Loss = 5.0 - (step / 60.0), Remaining = TimeSpan.FromSeconds(120 - step) },
                Timestamp = t.AddSeconds(2 + (step / 10)),
            };
        }

        yield return new ExperimentCompletedEvent { Experiment = Seed, Timestamp = t.AddSeconds(20) };
        yield return new ExperimentCompletedEvent { Experiment = Best, Timestamp = t.AddSeconds(30) };
        yield return new ExperimentFailedEvent { Experiment = Broken, Timestamp = t.AddSeconds(31) };
        yield return new BudgetReachedEvent { Reason = StopReason.MaxExperiments, Detail = "3 of 3 experiments", Timestamp = t.AddSeconds(32) };
        yield return new RunStoppedEvent { Reason = StopReason.MaxExperiments, Timestamp = t.AddSeconds(33) };
    }

    private static async IAsyncEnumerable<DiscoveryEvent> Stream(IEnumerable<DiscoveryEvent> events)
    {
        foreach (var e in events)
        {
            await Task.Yield();
            yield return e;
        }
    }

    [Fact]
    public void Dashboard_TracksSlotsProgressLeaderboardAndBudget()
    {
        var d = new RunDashboard(new RunBudgetLimits { MaxExperiments = 3 });
        var events = Run().ToList();
        foreach (var e in events.TakeWhile(e => e is not ExperimentCompletedEvent))
        {
            d.Apply(e);
        }

        var slot = d.Slots.Single(s => s.Index == Best.Index);
        Assert.Equal(120, slot.Progress!.Step);
        Assert.Equal("training mqar", slot.Stage);
        Assert.Equal(Best.Name, slot.Name);

        foreach (var e in events.SkipWhile(e => e is not ExperimentCompletedEvent))
        {
            d.Apply(e);
        }

        Assert.Empty(d.Slots);
        Assert.Equal([Best.Index, Seed.Index], d.Leaderboard.Select(r => r.Index));
        Assert.Equal(2, d.Completed);
        Assert.Equal(1, d.Failed);
        Assert.Equal(Seed.Costs.ComputeSeconds + Best.Costs.ComputeSeconds + Broken.Costs.ComputeSeconds, d.ComputeSeconds, 9);
        Assert.Equal(2400, d.Tokens);
        Assert.Equal(StopReason.MaxExperiments, d.StopReason);
        Assert.Equal(TimeSpan.FromSeconds(33), d.Elapsed);
    }

    [Fact]
    public async Task RenderAsync_NotATerminal_WritesThinnedPlainLines()
    {
        var console = new TestConsole().Width(200);

        var d = await RunProgressRenderer.RenderAsync(Stream(Run()), console, new RunBudgetLimits { MaxExperiments = 3 });

        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\u001b', console.Output);
        // 12 progress reports become the first one plus one line per quarter reached (30, 60, 90, 120 of 120).
        Assert.Equal(5, lines.Count(l => l.Contains("step", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("step 120/120 loss 3 ETA 0:00", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("#7 broken-compile: FAILED CompileError", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("run stopped: MaxExperiments; 2 done, 1 failed, best gated-conv-delta 2.1", StringComparison.Ordinal));
        Assert.Equal(2, d.Completed);
    }

    [Fact]
    public async Task RenderAsync_HostileNameInPlainMode_IsWrittenLiterally()
    {
        var console = new TestConsole().Width(200);
        var hostile = RunFixture.Experiments[5];

        await RunProgressRenderer.RenderAsync(Stream([new ExperimentProposedEvent { Experiment = hostile }]), console);

        Assert.Contains(RunFixture.HostileName, console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_InteractiveTerminal_DrawsDashboardWithLeaderboardAndBudget()
    {
        var console = new TestConsole().Width(160).Interactive().EmitAnsiSequences();
        console.Profile.Capabilities.Ansi = true;
        var hostile = RunFixture.Experiments[5];
        var events = Run().Append(new ExperimentCompletedEvent { Experiment = hostile, Timestamp = RunFixture.Start.AddSeconds(40) });

        Assert.True(RunProgressRenderer.CanShowLive(console));
        await RunProgressRenderer.RenderAsync(Stream(events), console, new RunBudgetLimits { MaxExperiments = 3, MaxTokens = 10000 });

        var output = console.Output;
        Assert.Contains("leaderboard so far", output, StringComparison.Ordinal);
        Assert.Contains("gated-conv-delta", output, StringComparison.Ordinal);
        Assert.Contains("experiments 1/3 (3 done, 1 failed)", output, StringComparison.Ordinal);
        Assert.Contains("tokens 3,600/10,000", output, StringComparison.Ordinal);
        Assert.Contains("stopped: MaxExperiments", output, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void View_SlotInTraining_ShowsBarStepLossAndEta()
    {
        var d = new RunDashboard();
        d.Apply(new ExperimentProposedEvent { Experiment = Best with { Status = ExperimentStatus.Proposed } });
        d.Apply(new TrainingProgressEvent
        {
            ExperimentIndex = Best.Index,
            Progress = new TrainingProgress { Task = "lm", Step = 30, TotalSteps = 120, Loss = 2.5, Remaining = TimeSpan.FromSeconds(75) },
        });
        var console = new TestConsole().Width(160);

        console.Write(RunDashboardView.Render(d));

        Assert.Contains("30/120", console.Output, StringComparison.Ordinal);
        Assert.Contains("2.5", console.Output, StringComparison.Ordinal);
        Assert.Contains("1:15", console.Output, StringComparison.Ordinal);
        Assert.Contains("training lm", console.Output, StringComparison.Ordinal);
        Assert.Contains("no scored experiment yet", console.Output, StringComparison.Ordinal);
    }
}
