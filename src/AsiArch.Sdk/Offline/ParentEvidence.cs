using System.Globalization;

namespace AsiArch.Sdk.Offline;

/// <summary>
/// The measured facts about an experiment that a motivation or an analysis cites: its fitness, each task's main
/// metric, and how far each sits from the best baseline.
/// </summary>
public sealed record ParentEvidence
{
    /// <summary>One task's headline number.</summary>
    /// <param name="Task">Benchmark name.</param>
    /// <param name="Metric">Metric name (<c>accuracy</c>, <c>validation loss</c>, ...).</param>
    /// <param name="Value">The experiment's value.</param>
    /// <param name="HigherIsBetter">Direction of the metric.</param>
    /// <param name="BestBaseline">Best baseline's value, when any baseline measured it.</param>
    /// <param name="BestBaselineName">That baseline's name.</param>
    public sealed record TaskFact(string Task, string Metric, double Value, bool HigherIsBetter, double? BestBaseline, string? BestBaselineName)
    {
        /// <summary>Relative shortfall against the best baseline (positive = worse than it), or null.</summary>
        public double? Shortfall => BestBaseline is not { } b || b == 0
            ? null
            : HigherIsBetter ? (b - Value) / Math.Abs(b) : (Value - b) / Math.Abs(b);

        /// <summary>The fact in words.</summary>
        public override string ToString()
        {
            var text = $"{Task} {Metric} {Value.ToString("0.000", CultureInfo.InvariantCulture)}";
            return BestBaseline is { } b
                ? text + $" (best baseline {BestBaselineName}: {b.ToString("0.000", CultureInfo.InvariantCulture)})"
                : text;
        }
    }

    /// <summary>The experiment the facts are about.</summary>
    public required string Name { get; init; }

    /// <summary>Its index.</summary>
    public long Index { get; init; }

    /// <summary>Its fitness total, when scored.</summary>
    public double? Fitness { get; init; }

    /// <summary>The task facts, in result order.</summary>
    public IReadOnlyList<TaskFact> Tasks { get; init; } = [];

    /// <summary>The task furthest behind the best baseline, or null when nothing can be compared.</summary>
    public TaskFact? Weakest => Tasks.Where(t => t.Shortfall is not null).MaxBy(t => t.Shortfall!.Value);

    /// <summary>Collects the facts of <paramref name="record"/> against <paramref name="baselines"/>.</summary>
    public static ParentEvidence From(ExperimentRecord record, IReadOnlyList<ExperimentRecord> baselines)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(baselines);
        var facts = new List<TaskFact>();
        foreach (var task in record.Result?.Tasks ?? [])
        {
            if (MainMetric(task) is not { } main)
            {
                continue;
            }

            TaskFact? best = null;
            foreach (var b in baselines)
            {
                if (b.Result?.GetTask(task.Task) is { } bt && MainMetric(bt) is { } bm && bm.Metric == main.Metric)
                {
                    var better = best is null || (main.HigherIsBetter ? bm.Value > best.Value : bm.Value < best.Value);
                    if (better)
                    {
                        best = new TaskFact(task.Task, bm.Metric, bm.Value, main.HigherIsBetter, null, b.Name);
                    }
                }
            }

            facts.Add(new TaskFact(task.Task, main.Metric, main.Value, main.HigherIsBetter, best?.Value, best?.BestBaselineName));
        }

        return new ParentEvidence { Name = record.Name, Index = record.Index, Fitness = record.Fitness?.Total, Tasks = facts };
    }

    /// <summary>
    /// A task's headline metric: <c>accuracy</c> when measured, else the validation loss (lower is better), else its
    /// first finite metric (assumed higher is better).
    /// </summary>
    public static (string Metric, double Value, bool HigherIsBetter)? MainMetric(TaskResult task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Metrics.TryGetValue("accuracy", out var acc) && double.IsFinite(acc))
        {
            return ("accuracy", acc, true);
        }

        if (task.ValidationLoss is { } loss && double.IsFinite(loss))
        {
            return ("validation loss", loss, false);
        }

        foreach (var (name, value) in task.Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (double.IsFinite(value))
            {
                return (name, value, true);
            }
        }

        return null;
    }

    /// <summary>The facts in one sentence.</summary>
    public string Summary()
    {
        var fitness = Fitness is { } f ? $"fitness {f.ToString("0.000", CultureInfo.InvariantCulture)}" : "no fitness score";
        var tasks = Tasks.Count == 0 ? "no task results" : string.Join("; ", Tasks.Select(t => t.ToString()));
        return $"{Name} (#{Index}) reached {fitness}: {tasks}";
    }
}
