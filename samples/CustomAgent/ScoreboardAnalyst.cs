using System.Globalization;
using AsiArch.Sdk;

namespace CustomAgent;

// <snippet:scoreboard-analyst>
/// <summary>
/// A full replacement of the analyst role: compares every benchmark metric of the experiment with its parent and the
/// first baseline and writes the five report sections from those differences. No model, no state, thread-safe.
/// </summary>
public sealed class ScoreboardAnalyst : IAnalyst
{
    /// <inheritdoc />
    public Task<AnalysisReport> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested(); // honour cancellation even when the work is cheap
        var e = request.Experiment;
        var lines = (e.Result?.Tasks ?? []).SelectMany(t => t.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{t.Task}.{m.Key} = {m.Value:0.000} (parent {Metric(request.Parent, t.Task, m.Key)}, baseline {Metric(request.Baselines.FirstOrDefault(), t.Task, m.Key)})"))).ToList();
        var delta = e.Fitness is { } f && request.Parent?.Fitness is { } pf ? f.Total - pf.Total : (double?)null;
        var verdict = delta switch { > 0 => "improved on", < 0 => "fell behind", _ => "could not be compared with" };
        return Task.FromResult(new AnalysisReport
        {
            DesignEvaluation = $"{e.Name} changes {request.Parent?.Name ?? "no parent"}: {e.Motivation}",
            ResultsAnalysis = lines.Count > 0 ? string.Join("\n", lines) : $"No measurements ({e.Failure?.Kind.ToString() ?? "not trained"}).",
            ExpectationVsReality = $"The design {verdict} its parent (fitness change {delta?.ToString("+0.000;-0.000", CultureInfo.InvariantCulture) ?? "n/a"}).",
            TheoreticalExplanation = "Scoreboard analysis only: differences are reported, not explained.",
            SynthesisAndInsights = delta > 0 ? "Keep this direction." : "Try an orthogonal change.",
        });
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    private static string Metric(ExperimentRecord? record, string task, string metric) =>
        record?.Result?.GetTask(task)?.Metrics.TryGetValue(metric, out var v) == true ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
// </snippet:scoreboard-analyst>
