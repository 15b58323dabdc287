using System.Globalization;
using System.Text;

namespace AsiArch.Sdk.Reporting.Rendering;

/// <summary>
/// Writes a report as Markdown (for a wiki or a notes vault): the same sections as the HTML page, plots referenced as
/// PNG files next to it, sources in fenced blocks, every untrusted string escaped.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>Renders the Markdown.</summary>
    /// <param name="report">The report.</param>
    /// <param name="images">Its plots.</param>
    /// <param name="imagePath">Relative path of a plot file, given its name (e.g. <c>images/fitness.png</c>); null leaves plots out.</param>
    public static string Render(RunReport report, ReportImages images, Func<string, string>? imagePath)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(images);
        var m = new StringBuilder();
        var t = report.Totals;
        m.Append("# ").AppendLine(MarkdownText.Inline(report.Title)).AppendLine();
        m.Append("Generated ").Append(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        if (report.Source is not null)
        {
            m.Append(" from `").Append(report.Source.Replace("`", "'", StringComparison.Ordinal)).Append('`');
        }

        m.AppendLine(".").AppendLine();
        m.AppendLine(CultureInfo.InvariantCulture,
            $"{t.Experiments} experiments, {t.Scored} scored, {t.Failed} failed; {report.Discovery.TotalBeatingSeed} beating the seed, {report.Discovery.TotalDiscoveries} verified discoveries; {ReportFormat.Number(t.ComputeHours, "0.##")} compute hours.");
        m.AppendLine();

        m.AppendLine("## Leaderboard").AppendLine();
        if (report.Leaderboard.Count == 0)
        {
            m.AppendLine("No scored experiment yet.").AppendLine();
        }
        else
        {
            m.AppendLine("| rank | # | name | kind | fitness | loss comp. | bench comp. | judge comp. | val loss | benchmark |");
            m.AppendLine("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|");
            var rank = 0;
            foreach (var e in report.Leaderboard)
            {
                var f = e.Fitness!;
                m.AppendLine(CultureInfo.InvariantCulture,
                    $"| {++rank} | [{e.Index}](#exp-{e.Index}) | {MarkdownText.Inline(e.Name)} | {e.Kind} | {ReportFormat.Number(f.Total)} | {ReportFormat.Number(f.LossComponent)} | {ReportFormat.Number(f.BenchmarkComponent)} | {ReportFormat.Number(f.JudgeComponent)} | {ReportFormat.Number(f.Loss, "0.####")} | {ReportFormat.Number(f.BenchmarkScore, "0.####")} |");
            }

            m.AppendLine();
        }

        m.AppendLine("## Fitness over experiments").AppendLine();
        Image(m, images.Fitness, "fitness.png", "Fitness over experiments", imagePath);
        m.AppendLine("## Discovery curve").AppendLine();
        m.Append("Cumulative candidates beating the seed (").Append(MarkdownText.Inline(report.Discovery.Reference)).AppendLine(") and verified discoveries against compute hours.").AppendLine();
        Image(m, images.Discovery, "discovery.png", "Discovery curve", imagePath);
        m.Append("- Beating the seed: ").AppendLine(ReportFormat.Trend(report.Discovery.BeatingSeedTrend));
        m.Append("- Verified discoveries: ").AppendLine(ReportFormat.Trend(report.Discovery.DiscoveryTrend)).AppendLine();
        foreach (var p in report.Promotions)
        {
            m.AppendLine(CultureInfo.InvariantCulture,
                $"- Promotion of [#{p.CandidateIndex}](#exp-{p.CandidateIndex}) {MarkdownText.Inline(p.CandidateName)}: {(p.IsDiscovery ? "**discovery**" : "not a discovery")}, {MarkdownText.Inline(p.Verdict)}");
        }

        m.AppendLine().AppendLine("## Lineage").AppendLine();
        LineageList(m, report.Lineage);
        m.AppendLine().AppendLine("## Design components of the best candidates").AppendLine();
        if (report.Components.Count == 0)
        {
            m.AppendLine("No scored candidate yet.");
        }
        else
        {
            m.AppendLine("| component | from | in best | share in best | share in others |").AppendLine("|---|---|---:|---:|---:|");
            foreach (var c in report.Components)
            {
                m.AppendLine(CultureInfo.InvariantCulture,
                    $"| {MarkdownText.Inline(c.Component)} | {c.Origin} | {c.TopCount} | {ReportFormat.Percent(c.TopShare)} | {ReportFormat.Percent(c.OtherShare)} |");
            }
        }

        m.AppendLine().AppendLine("## Failures").AppendLine();
        if (report.FailureCounts.Count == 0)
        {
            m.AppendLine("No failed experiment.");
        }
        else
        {
            foreach (var (kind, count) in report.FailureCounts)
            {
                m.AppendLine(CultureInfo.InvariantCulture, $"- {kind}: {count}");
            }

            m.AppendLine();
            Image(m, images.Failures, "failures.png", "Failures by kind", imagePath);
        }

        m.AppendLine().AppendLine("## Total cost").AppendLine();
        m.AppendLine(CultureInfo.InvariantCulture, $"- compute: {ReportFormat.Number(t.ComputeHours, "0.###")} h");
        m.AppendLine(CultureInfo.InvariantCulture, $"- model tokens: {ReportFormat.Int(t.InputTokens)} in, {ReportFormat.Int(t.OutputTokens)} out; cost {ReportFormat.Money(t.Cost)}");
        m.AppendLine(CultureInfo.InvariantCulture, $"- compute hours per verified discovery: {(t.ComputeHoursPerDiscovery is { } d ? ReportFormat.Number(d) : "no discovery yet")}");
        m.AppendLine().AppendLine("## Experiments").AppendLine();
        foreach (var e in report.Experiments)
        {
            Experiment(m, e, images.LossCurves.ContainsKey(e.Index), imagePath);
        }

        return m.ToString();
    }

    /// <summary>File name of the loss-curve plot of an experiment.</summary>
    /// <param name="index">The experiment index.</param>
    public static string LossCurveFileName(long index) => string.Create(CultureInfo.InvariantCulture, $"loss-{index}.png");

    private static void Image(StringBuilder m, byte[]? png, string file, string alt, Func<string, string>? imagePath)
    {
        if (png is not null && imagePath is not null)
        {
            m.Append("![").Append(alt).Append("](").Append(imagePath(file)).AppendLine(")").AppendLine();
        }
    }

    private static void LineageList(StringBuilder m, LineageLayout layout)
    {
        foreach (var n in layout.Nodes)
        {
            m.Append(' ', 2 * n.Depth).Append("- [#").Append(n.Index).Append("](#exp-").Append(n.Index).Append(") ").Append(MarkdownText.Inline(n.Name));
            m.Append(CultureInfo.InvariantCulture, $" ({n.Kind}, {n.Status}{(n.Score is { } s ? ", fitness " + ReportFormat.Number(s) : "")})").AppendLine();
        }
    }

    private static void Experiment(StringBuilder m, ExperimentRecord e, bool hasCurve, Func<string, string>? imagePath)
    {
        m.Append("<a id=\"exp-").Append(e.Index).AppendLine("\"></a>").AppendLine();
        m.Append("### #").Append(e.Index).Append(' ').AppendLine(MarkdownText.Inline(e.Name)).AppendLine();
        m.AppendLine(CultureInfo.InvariantCulture, $"- kind / status: {e.Kind} / {e.Status}");
        m.AppendLine(CultureInfo.InvariantCulture, $"- parent: {(e.Parent is { } p ? $"[#{p}](#exp-{p})" : "none")}");
        m.AppendLine(CultureInfo.InvariantCulture, $"- profile / seed: {MarkdownText.Inline(e.ProfileName ?? "–")} / {e.Seed}");
        if (e.Failure is { } failure)
        {
            m.AppendLine(CultureInfo.InvariantCulture, $"- failure: {failure.Kind}: {MarkdownText.Inline(failure.Message)}");
        }

        if (e.Fitness is { } f)
        {
            m.AppendLine(CultureInfo.InvariantCulture,
                $"- fitness: {ReportFormat.Number(f.Total)} = loss {ReportFormat.Number(f.LossComponent)} + benchmark {ReportFormat.Number(f.BenchmarkComponent)} + judge {ReportFormat.Number(f.JudgeComponent)}");
        }

        foreach (var task in e.Result?.Tasks ?? [])
        {
            m.AppendLine(CultureInfo.InvariantCulture,
                $"- {MarkdownText.Inline(task.Task)}: val loss {ReportFormat.Number(task.ValidationLoss, "0.####")}; {MarkdownText.Inline(ReportFormat.Metrics(task))}");
        }

        m.AppendLine();
        if (hasCurve)
        {
            Image(m, [], LossCurveFileName(e.Index), $"Training loss of #{e.Index}", imagePath);
        }

        if (!string.IsNullOrWhiteSpace(e.Motivation))
        {
            m.AppendLine("**Motivation**").AppendLine().AppendLine(MarkdownText.Block(e.Motivation)).AppendLine();
        }

        if (e.Analysis is { } a)
        {
            m.AppendLine("**Analysis**").AppendLine();
            foreach (var (title, body) in new[]
            {
                ("Design evaluation", a.DesignEvaluation), ("Experimental results", a.ResultsAnalysis),
                ("Expectation vs reality", a.ExpectationVsReality), ("Theoretical explanation", a.TheoreticalExplanation),
                ("Synthesis and insights", a.SynthesisAndInsights),
            })
            {
                if (!string.IsNullOrWhiteSpace(body))
                {
                    m.Append("*").Append(title).AppendLine("*").AppendLine().AppendLine(MarkdownText.Block(body)).AppendLine();
                }
            }
        }

        if (!string.IsNullOrEmpty(e.Program))
        {
            m.AppendLine("**Source**").AppendLine().AppendLine(MarkdownText.Fence(e.Program, "csharp"));
        }
    }
}
