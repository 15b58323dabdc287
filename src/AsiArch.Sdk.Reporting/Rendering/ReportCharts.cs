using ScottPlot;

namespace AsiArch.Sdk.Reporting.Rendering;

/// <summary>The report's plots, drawn with ScottPlot and returned as PNG bytes (null when there is nothing to draw).</summary>
public static class ReportCharts
{
    /// <summary>Width of the wide plots, in pixels.</summary>
    public const int Width = 900;

    /// <summary>Height of the wide plots, in pixels.</summary>
    public const int Height = 420;

    /// <summary>Fitness total and its loss, benchmark and judge components per experiment, with the running best.</summary>
    /// <param name="report">The report.</param>
    public static byte[]? FitnessOverExperiments(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var scored = report.Experiments.Where(e => e.Fitness is not null).OrderBy(e => e.Index).ToList();
        if (scored.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        var x = scored.Select(e => (double)e.Index).ToArray();
        AddMarkers(plot, x, scored.Select(e => e.Fitness!.Total).ToArray(), "total (0-3)", Colors.Black, 7);
        AddMarkers(plot, x, scored.Select(e => e.Fitness!.LossComponent).ToArray(), "loss component", Colors.Blue, 5);
        AddMarkers(plot, x, scored.Select(e => e.Fitness!.BenchmarkComponent).ToArray(), "benchmark component", Colors.Green, 5);
        AddMarkers(plot, x, scored.Select(e => e.Fitness!.JudgeComponent).ToArray(), "judge component", Colors.Orange, 5);
        var best = double.NegativeInfinity;
        var running = scored.Select(e => best = Math.Max(best, e.Fitness!.Total)).ToArray();
        var bestLine = plot.Add.Scatter(x, running);
        bestLine.LegendText = "best so far";
        bestLine.Color = Colors.Red;
        bestLine.MarkerSize = 0;
        bestLine.LineWidth = 2;
        bestLine.ConnectStyle = ConnectStyle.StepHorizontal;
        plot.Title("Fitness over experiments");
        plot.XLabel("experiment index");
        plot.YLabel("fitness");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// The discovery curve: cumulative candidates beating the seed and verified discoveries against compute hours,
    /// each with its fitted linear trend.
    /// </summary>
    /// <param name="report">The report.</param>
    public static byte[]? DiscoveryCurve(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var points = report.Discovery.Points;
        if (points.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        var x = points.Select(p => p.ComputeHours).ToArray();
        AddSteps(plot, x, points.Select(p => (double)p.CandidatesBeatingSeed).ToArray(), "candidates beating the seed", Colors.Blue);
        AddSteps(plot, x, points.Select(p => (double)p.VerifiedDiscoveries).ToArray(), "verified discoveries", Colors.Red);
        AddTrend(plot, x, report.Discovery.BeatingSeedTrend, Colors.Blue);
        AddTrend(plot, x, report.Discovery.DiscoveryTrend, Colors.Red);
        plot.Title("Discovery curve");
        plot.XLabel("compute hours");
        plot.YLabel("cumulative count");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Failed experiments per failure kind.</summary>
    /// <param name="report">The report.</param>
    public static byte[]? FailureCounts(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.FailureCounts.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        var values = report.FailureCounts.Select(kv => (double)kv.Value).ToArray();
        plot.Add.Bars(values);
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray(),
            report.FailureCounts.Select(kv => kv.Key.ToString()).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title("Failures by kind");
        plot.YLabel("experiments");
        return plot.GetImageBytes(Width, 320, ImageFormat.Png);
    }

    /// <summary>The training loss curve of every task of one experiment (null without a recorded curve).</summary>
    /// <param name="experiment">The experiment.</param>
    public static byte[]? LossCurves(ExperimentRecord experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var tasks = experiment.Result?.Tasks.Where(t => t.LossCurve.Count > 0).ToList() ?? [];
        if (tasks.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            var finite = t.LossCurve.Where(p => double.IsFinite(p.Loss)).ToList();
            if (finite.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(finite.Select(p => (double)p.Step).ToArray(), finite.Select(p => p.Loss).ToArray());
            line.LegendText = t.Task;
            line.Color = palette.GetColor(i);
            line.MarkerSize = finite.Count == 1 ? 6 : 0;
            line.LineWidth = 2;
        }

        plot.Title("Training loss");
        plot.XLabel("step");
        plot.YLabel("loss");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(640, 300, ImageFormat.Png);
    }

    private static void AddMarkers(Plot plot, double[] x, double[] y, string label, Color color, float size)
    {
        var s = plot.Add.ScatterPoints(x, y);
        s.LegendText = label;
        s.Color = color;
        s.MarkerSize = size;
    }

    private static void AddSteps(Plot plot, double[] x, double[] y, string label, Color color)
    {
        var s = plot.Add.Scatter(x, y);
        s.LegendText = label;
        s.Color = color;
        s.MarkerSize = 0;
        s.LineWidth = 2;
        s.ConnectStyle = ConnectStyle.StepHorizontal;
    }

    private static void AddTrend(Plot plot, double[] x, LinearTrend? trend, Color color)
    {
        if (trend is null)
        {
            return;
        }

        var (from, to) = (x.Min(), x.Max());
        var line = plot.Add.Line(from, trend.At(from), to, trend.At(to));
        line.Color = color.WithAlpha(0.6);
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 1.5f;
        line.LegendText = $"trend {trend.Slope:0.##}/h (R² {trend.RSquared:0.00})";
    }
}
