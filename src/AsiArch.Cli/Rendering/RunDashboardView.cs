using System.Globalization;
using AsiArch.Sdk;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AsiArch.Cli.Rendering;

/// <summary>Draws a <see cref="RunDashboard"/> for the live terminal display: slots with progress bars, leaderboard, budget.</summary>
public static class RunDashboardView
{
    private const int BarWidth = 24;

    /// <summary>The whole dashboard.</summary>
    /// <param name="dashboard">The state.</param>
    public static IRenderable Render(RunDashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var slots = new Table().Border(TableBorder.Rounded).Title("[bold]in flight[/]")
            .AddColumn(new TableColumn("#").RightAligned()).AddColumn("candidate").AddColumn("stage").AddColumn("progress")
            .AddColumn(new TableColumn("loss").RightAligned()).AddColumn(new TableColumn("ETA").RightAligned());
        foreach (var s in dashboard.Slots)
        {
            var p = s.Progress;
            slots.AddRow(
                new Text(s.Index.ToString(CultureInfo.InvariantCulture)),
                new Text(s.Name),
                new Text(s.Stage),
                new Markup(p is null ? "[grey]–[/]" : Bar(p.Step, p.TotalSteps)),
                new Text(p is null ? "–" : p.Loss.ToString("0.####", CultureInfo.InvariantCulture)),
                new Text(p?.Remaining is { } r ? Duration(r) : "–"));
        }

        if (dashboard.Slots.Count == 0)
        {
            slots.AddRow(new Text(""), new Markup("[grey]idle[/]"), new Text(""), new Text(""), new Text(""), new Text(""));
        }

        var board = dashboard.Leaderboard.Count == 0
            ? (IRenderable)new Markup("[grey]no scored experiment yet[/]")
            : ExperimentViews.Leaderboard(dashboard.Leaderboard).Title("[bold]leaderboard so far[/]");
        return new Rows(slots, board, Budget(dashboard));
    }

    /// <summary>The budget line (experiments, time, compute, tokens and money used against their limits) and the run state.</summary>
    /// <param name="d">The state.</param>
    public static IRenderable Budget(RunDashboard d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var l = d.Limits;
        var parts = new List<string>
        {
            $"experiments {d.Candidates}{(l.MaxExperiments is { } me ? "/" + me.ToString(CultureInfo.InvariantCulture) : "")} ({d.Completed} done, {d.Failed} failed)",
            $"time {Duration(d.Elapsed)}{(l.MaxWallTime is { } mw ? "/" + Duration(mw) : "")}",
            string.Create(CultureInfo.InvariantCulture, $"compute {d.ComputeSeconds / 3600:0.###} h{(l.MaxComputeHours is { } mh ? $"/{mh:0.###} h" : "")}"),
            string.Create(CultureInfo.InvariantCulture, $"tokens {d.Tokens:N0}{(l.MaxTokens is { } mt ? $"/{mt:N0}" : "")}"),
            string.Create(CultureInfo.InvariantCulture, $"cost {d.Cost:0.####}{(l.MaxCost is { } mc ? $"/{mc:0.####}" : "")}"),
        };
        if (d.Promotions.Verified > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"promotions {d.Promotions.Verified} ({d.Promotions.Discoveries} discoveries)"));
        }

        var lines = new List<IRenderable> { new Markup("[bold]budget[/] " + Markup.Escape(string.Join(" · ", parts))) };
        if (d.BudgetDetail is { } b)
        {
            lines.Add(new Markup("[yellow]" + Markup.Escape("budget reached: " + b) + "[/]"));
        }

        if (d.StopReason is { } stop)
        {
            lines.Add(new Markup("[bold]" + Markup.Escape("stopped: " + stop) + "[/]"));
        }

        return new Rows(lines);
    }

    /// <summary>A text progress bar with the step count.</summary>
    /// <param name="step">Steps done.</param>
    /// <param name="total">Steps in all (0: unknown).</param>
    public static string Bar(int step, int total)
    {
        var fraction = total <= 0 ? 0 : Math.Clamp((double)step / total, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        return "[green]" + new string('━', filled) + "[/][grey]" + new string('━', BarWidth - filled) + "[/] "
            + string.Create(CultureInfo.InvariantCulture, $"{step}/{total}");
    }

    /// <summary>h:mm:ss or m:ss.</summary>
    /// <param name="t">The duration.</param>
    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
}
