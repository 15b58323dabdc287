using System.Globalization;
using AsiArch.Sdk;
using AsiArch.Sdk.Discovery.Events;

namespace AsiArch.Cli.Rendering;

/// <summary>
/// Formats discovery events as plain log lines for output that is not a terminal (a file, a pipe, CI). Training
/// progress is thinned to one line per quarter of each task so a log stays readable.
/// </summary>
public sealed class PlainRunLog
{
    private readonly Dictionary<(long, string), int> _lastQuarter = [];

    /// <summary>The line for <paramref name="e"/>, or null when the event is not worth a line.</summary>
    /// <param name="e">The event.</param>
    /// <param name="dashboard">The state after the event (for the budget summary).</param>
    public string? Format(DiscoveryEvent e, RunDashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(dashboard);
        var time = e.Timestamp.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        string? text = e switch
        {
            ExperimentProposedEvent p => $"#{p.Experiment.Index} {p.Experiment.Name}: proposed ({p.Experiment.Kind})",
            ExperimentImplementedEvent i => $"#{i.Experiment.Index} {i.Experiment.Name}: compiled, gated and probed",
            TrainingProgressEvent t => Progress(t),
            ExperimentEvaluatedEvent v => $"#{v.Experiment.Index} {v.Experiment.Name}: evaluated, fitness {Score(v.Experiment)}",
            ExperimentAnalyzedEvent a => $"#{a.Experiment.Index} {a.Experiment.Name}: analysed",
            ExperimentCompletedEvent c => $"#{c.Experiment.Index} {c.Experiment.Name}: done, fitness {Score(c.Experiment)}; " + Summary(dashboard),
            ExperimentFailedEvent f => $"#{f.Experiment.Index} {f.Experiment.Name}: FAILED {f.Experiment.Failure?.Kind}: {f.Experiment.Failure?.Message}; " + Summary(dashboard),
            CandidatePromotedEvent p => $"#{p.Outcome.CandidateIndex} {p.Outcome.CandidateName}: verified on {p.Outcome.ProfileName}: {(p.Outcome.IsDiscovery ? "DISCOVERY" : "not a discovery")} ({p.Outcome.Verdict})",
            BudgetReachedEvent b => $"budget reached: {b.Reason} ({b.Detail})",
            RunStoppedEvent s => $"run stopped: {s.Reason}; " + Summary(dashboard),
            _ => null,
        };
        return text is null ? null : $"{time} {text}";
    }

    private string? Progress(TrainingProgressEvent t)
    {
        var p = t.Progress;
        var quarter = p.TotalSteps <= 0 ? 0 : Math.Clamp(p.Step * 4 / p.TotalSteps, 0, 4);
        var key = (t.ExperimentIndex, p.Task + "/" + p.Stage);
        if (_lastQuarter.TryGetValue(key, out var last) && last >= quarter)
        {
            return null;
        }

        _lastQuarter[key] = quarter;
        return string.Create(CultureInfo.InvariantCulture,
            $"#{t.ExperimentIndex}: {p.Stage} {p.Task} step {p.Step}/{p.TotalSteps} loss {p.Loss:0.####}{(p.Remaining is { } r ? " ETA " + RunDashboardView.Duration(r) : "")}");
    }

    private static string Score(ExperimentRecord r) =>
        r.Score is { } s ? s.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    private static string Summary(RunDashboard d) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{d.Completed} done, {d.Failed} failed, best {(d.Leaderboard.Count > 0 ? $"{d.Leaderboard[0].Name} {Score(d.Leaderboard[0])}" : "–")}, {d.ComputeSeconds / 3600:0.###} compute h, {d.Tokens} tokens");
}
