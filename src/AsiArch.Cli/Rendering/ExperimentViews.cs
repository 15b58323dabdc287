using System.Globalization;
using AsiArch.Sdk;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AsiArch.Cli.Rendering;

/// <summary>Spectre renderables for experiments: leaderboard, fitness, results, lineage. Untrusted text goes in as <see cref="Text"/> or escaped markup.</summary>
public static class ExperimentViews
{
    /// <summary>A leaderboard table, best first.</summary>
    /// <param name="ranked">Scored experiments in rank order.</param>
    public static Table Leaderboard(IReadOnlyList<ExperimentRecord> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("rank").RightAligned());
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn("name");
        table.AddColumn("kind");
        table.AddColumn(new TableColumn("fitness").RightAligned());
        table.AddColumn(new TableColumn("loss").RightAligned());
        table.AddColumn(new TableColumn("bench").RightAligned());
        table.AddColumn(new TableColumn("judge").RightAligned());
        table.AddColumn(new TableColumn("parent").RightAligned());
        var rank = 0;
        foreach (var e in ranked)
        {
            var f = e.Fitness;
            table.AddRow(
                new Text((++rank).ToString(CultureInfo.InvariantCulture)),
                new Text(e.Index.ToString(CultureInfo.InvariantCulture)),
                new Text(e.Name),
                new Text(e.Kind.ToString()),
                new Markup("[bold]" + Number(f?.Total) + "[/]"),
                new Text(Number(f?.LossComponent)),
                new Text(Number(f?.BenchmarkComponent)),
                new Text(Number(f?.JudgeComponent)),
                new Text(e.Parent?.ToString(CultureInfo.InvariantCulture) ?? "–"));
        }

        return table;
    }

    /// <summary>Key facts of one experiment.</summary>
    /// <param name="e">The experiment.</param>
    public static Grid Facts(ExperimentRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string label, IRenderable value) => grid.AddRow(new Markup("[grey]" + label + "[/]"), value);
        Row("kind / status", new Text($"{e.Kind} / {e.Status}"));
        Row("parent", new Text(e.Parent?.ToString(CultureInfo.InvariantCulture) ?? "none"));
        Row("profile / seed", new Text($"{e.ProfileName ?? "–"} / {e.Seed}"));
        Row("sandbox", new Text(e.Sandbox.ToString()));
        Row("cost", new Text(string.Create(CultureInfo.InvariantCulture,
            $"{e.Costs.ComputeSeconds:0.#} s compute, {e.Costs.Usage.TotalTokens} tokens, {e.Costs.Usage.Cost:0.####} spent")));
        Row("created / updated", new Text($"{e.CreatedAt:yyyy-MM-dd HH:mm:ss} / {e.UpdatedAt:yyyy-MM-dd HH:mm:ss}"));
        if (e.Failure is { } failure)
        {
            Row("failure", new Markup("[red]" + Markup.Escape($"{failure.Kind}: {failure.Message}") + "[/]"));
        }

        return grid;
    }

    /// <summary>The fitness components (ASI-ARCH formula) of one experiment.</summary>
    /// <param name="f">The score.</param>
    public static Table Fitness(FitnessScore f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("component").AddColumn(new TableColumn("value").RightAligned()).AddColumn("detail");
        table.AddRow(new Text("loss"), new Text(Number(f.LossComponent)), new Text(string.Create(CultureInfo.InvariantCulture, $"loss {f.Loss:0.####}, {f.RelativeLossImprovement:+0.0%;-0.0%} vs {f.BaselineName ?? "baseline"}")));
        table.AddRow(new Text("benchmark"), new Text(Number(f.BenchmarkComponent)), new Text(string.Create(CultureInfo.InvariantCulture, $"score {f.BenchmarkScore:0.####}, {f.RelativeBenchmarkImprovement:+0.0%;-0.0%}")));
        table.AddRow(new Text("judge"), new Text(Number(f.JudgeComponent)), new Text(""));
        table.AddRow(new Markup("[bold]total[/]"), new Markup("[bold]" + Number(f.Total) + "[/]"), new Text(string.Create(CultureInfo.InvariantCulture, $"{f.Normalized:0.###} normalised (/3){(f.LeakageSuspected ? "; leakage suspected" : "")}")));
        return table;
    }

    /// <summary>Per-task results of a training run.</summary>
    /// <param name="result">The result.</param>
    public static Table Results(TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("task").AddColumn(new TableColumn("val loss").RightAligned()).AddColumn("metrics")
            .AddColumn(new TableColumn("steps").RightAligned()).AddColumn(new TableColumn("tokens/s").RightAligned());
        foreach (var t in result.Tasks)
        {
            var metrics = t.Metrics.Count == 0
                ? "–"
                : string.Join(", ", t.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:0.####}")));
            table.AddRow(
                new Text(t.Task),
                new Text(Number(t.ValidationLoss, "0.####")),
                new Text(metrics),
                new Text(t.Steps.ToString(CultureInfo.InvariantCulture)),
                new Text(Number(t.TokensPerSecond, "0")));
        }

        table.Caption(new TableTitle(string.Create(CultureInfo.InvariantCulture,
            $"{result.Parameters:N0} parameters, {result.Duration.TotalSeconds:0.#} s, sandbox {result.Sandbox}, device {result.Device ?? "?"}")));
        return table;
    }

    /// <summary>A one-line label of an experiment for trees: index, escaped name, kind, status and fitness.</summary>
    /// <param name="e">The experiment.</param>
    /// <param name="highlight">Emphasise it (the experiment asked about).</param>
    public static Markup Label(ExperimentRecord e, bool highlight = false)
    {
        ArgumentNullException.ThrowIfNull(e);
        var status = e.Status == ExperimentStatus.Failed ? "[red]Failed[/]" : e.Status.ToString();
        var score = e.Score is { } s ? string.Create(CultureInfo.InvariantCulture, $" fitness [bold]{s:0.###}[/]") : "";
        var name = Markup.Escape(e.Name);
        return new Markup(string.Create(CultureInfo.InvariantCulture,
            $"#{e.Index} {(highlight ? "[yellow bold]" + name + "[/]" : name)} [grey]({e.Kind}, [/]{status}[grey])[/]{score}"));
    }

    /// <summary>Formats an optional number, or an en dash.</summary>
    /// <param name="value">The number.</param>
    /// <param name="format">Format string.</param>
    public static string Number(double? value, string format = "0.###") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
