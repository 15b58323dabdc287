using AsiArch.Sdk.Discovery.Events;
using Spectre.Console;

namespace AsiArch.Cli.Rendering;

/// <summary>
/// Shows a discovery run while it runs: a live dashboard (slots with progress bars, leaderboard, budget) on an
/// interactive ANSI terminal, plain log lines otherwise (redirected output, CI). The events are passed through
/// unchanged, so the caller sees the same stream.
/// </summary>
public static class RunProgressRenderer
{
    /// <summary>True when <paramref name="console"/> can host the live display.</summary>
    /// <param name="console">The console.</param>
    public static bool CanShowLive(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return console.Profile.Capabilities.Ansi && console.Profile.Capabilities.Interactive;
    }

    /// <summary>Consumes <paramref name="events"/> to the end, drawing as they come; returns the final state.</summary>
    /// <param name="events">The run's events.</param>
    /// <param name="console">Where to draw.</param>
    /// <param name="limits">The run's budgets.</param>
    /// <param name="cancellationToken">Stops reading the events.</param>
    public static async Task<RunDashboard> RenderAsync(
        IAsyncEnumerable<DiscoveryEvent> events, IAnsiConsole console, RunBudgetLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(console);
        var dashboard = new RunDashboard(limits);
        if (!CanShowLive(console))
        {
            var log = new PlainRunLog();
            await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                dashboard.Apply(e);
                if (log.Format(e, dashboard) is { } line)
                {
                    // Written raw: names are untrusted and must not be read as markup.
                    console.Profile.Out.Writer.WriteLine(line);
                }
            }

            console.Profile.Out.Writer.Flush();
            return dashboard;
        }

        await console.Live(RunDashboardView.Render(dashboard))
            .AutoClear(false)
            .StartAsync(async ctx =>
            {
                await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    dashboard.Apply(e);
                    ctx.UpdateTarget(RunDashboardView.Render(dashboard));
                }
            }).ConfigureAwait(false);
        return dashboard;
    }
}
