using System.Globalization;
using System.Net;
using System.Text;

namespace AsiArch.Sdk.Reporting.Rendering;

/// <summary>
/// Writes a report as one self-contained HTML page: plots embedded as base64 PNG, the lineage tree as inline SVG,
/// no scripts, no external resources (a Content-Security-Policy forbids both). Every string that came from a model or
/// a user (names, motivations, sources, analyses, failure messages) is HTML-escaped.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:1.5rem;color:#1d1d1f;line-height:1.45}
        h1{margin-bottom:.2rem}h2{border-bottom:2px solid #e3e3e3;padding-bottom:.2rem;margin-top:2.2rem}
        table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}th,td{border:1px solid #ddd;padding:.25rem .55rem;text-align:left;vertical-align:top}
        th{background:#f4f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
        .muted{color:#666}.stats{display:flex;flex-wrap:wrap;gap:.6rem}.stat{background:#f4f4f6;border-radius:6px;padding:.45rem .8rem}
        .stat b{display:block;font-size:1.25rem}img.plot{max-width:100%;height:auto;border:1px solid #eee}
        .tree{overflow-x:auto;border:1px solid #eee;padding:.3rem}
        pre{background:#f8f8fa;border:1px solid #e5e5e5;padding:.7rem;overflow-x:auto;font-size:.82rem;line-height:1.35}
        .prose{white-space:pre-wrap}
        section.experiment{border-top:1px solid #ddd;margin-top:1.6rem}
        .failed{color:#c62828}.kw{color:#0033b3;font-weight:600}.ty{color:#00627a}.st{color:#067d17}.nu{color:#1750eb}.co{color:#8c8c8c;font-style:italic}
        nav a{margin-right:.8rem}
        """;

    /// <summary>Renders the page.</summary>
    /// <param name="report">The report.</param>
    /// <param name="images">Its plots.</param>
    public static string Render(RunReport report, ReportImages images)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(images);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<title>").Append(E(report.Title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        h.Append("<h1>").Append(E(report.Title)).Append("</h1>");
        h.Append("<p class=\"muted\">Generated ").Append(E(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        if (report.Source is not null)
        {
            h.Append(" from <code>").Append(E(report.Source)).Append("</code>");
        }

        h.Append("</p>\n<nav><a href=\"#leaderboard\">Leaderboard</a><a href=\"#fitness\">Fitness</a><a href=\"#discovery\">Discovery curve</a>")
            .Append("<a href=\"#lineage\">Lineage</a><a href=\"#components\">Components</a><a href=\"#failures\">Failures</a>")
            .Append("<a href=\"#cost\">Cost</a><a href=\"#experiments\">Experiments</a></nav>\n");
        Summary(h, report);
        Leaderboard(h, report);
        h.Append("<h2 id=\"fitness\">Fitness over experiments</h2>");
        Image(h, images.Fitness, "Fitness total and components over experiments", "No experiment has a fitness score yet.");
        Discovery(h, report, images);
        h.Append("<h2 id=\"lineage\">Lineage</h2><p class=\"muted\">Each node is an experiment (squares: seed and baselines; colour: fitness from blue to orange; grey: unscored; red outline: failed). Click a node for its section.</p>");
        h.Append("<div class=\"tree\">").Append(LineageSvgRenderer.Render(report.Lineage)).Append("</div>\n");
        Components(h, report);
        Failures(h, report, images);
        Cost(h, report);
        h.Append("<h2 id=\"experiments\">Experiments</h2>\n");
        foreach (var e in report.Experiments)
        {
            Experiment(h, e, images.LossCurves.GetValueOrDefault(e.Index));
        }

        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static void Summary(StringBuilder h, RunReport r)
    {
        var t = r.Totals;
        h.Append("<div class=\"stats\">");
        Stat(h, "experiments", ReportFormat.Int(t.Experiments));
        Stat(h, "scored", ReportFormat.Int(t.Scored));
        Stat(h, "failed", ReportFormat.Int(t.Failed));
        Stat(h, "beating the seed", ReportFormat.Int(r.Discovery.TotalBeatingSeed));
        Stat(h, "verified discoveries", ReportFormat.Int(r.Discovery.TotalDiscoveries));
        Stat(h, "compute hours", ReportFormat.Number(t.ComputeHours, "0.##"));
        Stat(h, "tokens", ReportFormat.Int(t.InputTokens + t.OutputTokens));
        h.Append("</div>\n");
    }

    private static void Stat(StringBuilder h, string label, string value) =>
        h.Append("<div class=\"stat\"><b>").Append(E(value)).Append("</b>").Append(E(label)).Append("</div>");

    private static void Leaderboard(StringBuilder h, RunReport r)
    {
        h.Append("<h2 id=\"leaderboard\">Leaderboard</h2>");
        if (r.Leaderboard.Count == 0)
        {
            h.Append("<p>No scored experiment yet.</p>");
            return;
        }

        h.Append("<table><thead><tr><th>rank</th><th>#</th><th>name</th><th>kind</th><th>profile</th><th>fitness (0-3)</th><th>loss comp.</th><th>bench comp.</th><th>judge comp.</th><th>val loss</th><th>benchmark</th></tr></thead><tbody>");
        var rank = 0;
        foreach (var e in r.Leaderboard)
        {
            var f = e.Fitness!;
            h.Append("<tr><td class=\"num\">").Append(++rank).Append("</td><td class=\"num\"><a href=\"#exp-").Append(e.Index).Append("\">").Append(e.Index).Append("</a></td><td>")
                .Append(E(e.Name)).Append(f.LeakageSuspected ? " <span class=\"failed\" title=\"loss more than 10% below the baseline\">(leakage?)</span>" : "")
                .Append("</td><td>").Append(E(e.Kind.ToString())).Append("</td><td>").Append(E(e.ProfileName)).Append("</td>");
            Num(h, f.Total);
            Num(h, f.LossComponent);
            Num(h, f.BenchmarkComponent);
            Num(h, f.JudgeComponent);
            Num(h, f.Loss, "0.####");
            Num(h, f.BenchmarkScore, "0.####");
            h.Append("</tr>");
        }

        h.Append("</tbody></table>\n");
    }

    private static void Num(StringBuilder h, double? v, string format = "0.###") =>
        h.Append("<td class=\"num\">").Append(E(ReportFormat.Number(v, format))).Append("</td>");

    private static void Image(StringBuilder h, byte[]? png, string alt, string whenMissing)
    {
        if (png is null)
        {
            h.Append("<p class=\"muted\">").Append(E(whenMissing)).Append("</p>\n");
            return;
        }

        h.Append("<img class=\"plot\" alt=\"").Append(E(alt)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">\n");
    }

    private static void Discovery(StringBuilder h, RunReport r, ReportImages images)
    {
        h.Append("<h2 id=\"discovery\">Discovery curve</h2>");
        h.Append("<p>Cumulative candidates beating the seed (").Append(E(r.Discovery.Reference))
            .Append(") and cumulative verified discoveries (promotions that beat the best baseline significantly) against compute hours, as in ASI-ARCH's “scaling law for discovery”.</p>");
        Image(h, images.Discovery, "Discovery curve: cumulative counts against compute hours", "No experiment yet.");
        h.Append("<ul><li>Beating the seed: ").Append(E(ReportFormat.Trend(r.Discovery.BeatingSeedTrend))).Append("</li>")
            .Append("<li>Verified discoveries: ").Append(E(ReportFormat.Trend(r.Discovery.DiscoveryTrend))).Append("</li></ul>\n");
        if (r.Promotions.Count > 0)
        {
            h.Append("<table><thead><tr><th>candidate</th><th>profile</th><th>best baseline</th><th>p-value</th><th>discovery</th><th>verdict</th></tr></thead><tbody>");
            foreach (var p in r.Promotions)
            {
                h.Append("<tr><td><a href=\"#exp-").Append(p.CandidateIndex).Append("\">#").Append(p.CandidateIndex).Append("</a> ").Append(E(p.CandidateName))
                    .Append("</td><td>").Append(E(p.ProfileName)).Append("</td><td>").Append(E(p.BestBaselineName ?? "–")).Append("</td>");
                Num(h, p.PValue, "0.####");
                h.Append("<td>").Append(p.IsDiscovery ? "<b>yes</b>" : "no").Append("</td><td>").Append(E(p.Verdict)).Append("</td></tr>");
            }

            h.Append("</tbody></table>\n");
        }
    }

    private static void Components(StringBuilder h, RunReport r)
    {
        h.Append("<h2 id=\"components\">Design components of the best candidates</h2>");
        if (r.Components.Count == 0)
        {
            h.Append("<p>No scored candidate yet.</p>");
            return;
        }

        h.Append("<p class=\"muted\">Share of the ").Append(r.ComponentTopCount)
            .Append(" best candidates that use each component, against the other scored candidates (from design specs when present, else building blocks named in the source).</p>");
        h.Append("<table><thead><tr><th>component</th><th>from</th><th>in best</th><th>share in best</th><th>share in others</th></tr></thead><tbody>");
        foreach (var c in r.Components)
        {
            h.Append("<tr><td><code>").Append(E(c.Component)).Append("</code></td><td>").Append(E(c.Origin)).Append("</td><td class=\"num\">").Append(c.TopCount)
                .Append("</td><td class=\"num\">").Append(E(ReportFormat.Percent(c.TopShare))).Append("</td><td class=\"num\">").Append(E(ReportFormat.Percent(c.OtherShare))).Append("</td></tr>");
        }

        h.Append("</tbody></table>\n");
    }

    private static void Failures(StringBuilder h, RunReport r, ReportImages images)
    {
        h.Append("<h2 id=\"failures\">Failures</h2>");
        if (r.FailureCounts.Count == 0)
        {
            h.Append("<p>No failed experiment.</p>");
            return;
        }

        h.Append("<table><thead><tr><th>kind</th><th>experiments</th></tr></thead><tbody>");
        foreach (var (kind, count) in r.FailureCounts)
        {
            h.Append("<tr><td>").Append(E(kind.ToString())).Append("</td><td class=\"num\">").Append(count).Append("</td></tr>");
        }

        h.Append("</tbody></table>");
        Image(h, images.Failures, "Failed experiments by failure kind", "");
    }

    private static void Cost(StringBuilder h, RunReport r)
    {
        var t = r.Totals;
        h.Append("<h2 id=\"cost\">Total cost</h2><table><tbody>");
        Row(h, "compute", $"{ReportFormat.Number(t.ComputeHours, "0.###")} h ({ReportFormat.Number(t.ComputeSeconds, "0")} s)");
        Row(h, "model tokens", $"{ReportFormat.Int(t.InputTokens)} in, {ReportFormat.Int(t.OutputTokens)} out");
        Row(h, "model cost", ReportFormat.Money(t.Cost));
        Row(h, "compute hours per verified discovery", t.ComputeHoursPerDiscovery is { } d ? ReportFormat.Number(d, "0.###") : "no discovery yet");
        h.Append("</tbody></table>\n");
    }

    private static void Row(StringBuilder h, string label, string value) =>
        h.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static void Experiment(StringBuilder h, ExperimentRecord e, byte[]? lossCurve)
    {
        h.Append("<section class=\"experiment\" id=\"exp-").Append(e.Index).Append("\"><h3>#").Append(e.Index).Append(' ').Append(E(e.Name)).Append("</h3><table><tbody>");
        Row(h, "kind / status", $"{e.Kind} / {e.Status}");
        h.Append("<tr><th>parent</th><td>");
        if (e.Parent is { } p)
        {
            h.Append("<a href=\"#exp-").Append(p).Append("\">#").Append(p).Append("</a>");
        }
        else
        {
            h.Append('–');
        }

        h.Append("</td></tr>");
        Row(h, "profile / seed", $"{e.ProfileName ?? "–"} / {e.Seed}");
        Row(h, "sandbox", e.Sandbox.ToString());
        Row(h, "cost", $"{ReportFormat.Number(e.Costs.ComputeSeconds, "0.#")} s compute, {ReportFormat.Int(e.Costs.Usage.TotalTokens)} tokens");
        if (e.Failure is { } failure)
        {
            h.Append("<tr><th>failure</th><td class=\"failed\">").Append(E(failure.Kind.ToString())).Append(": ").Append(E(failure.Message)).Append("</td></tr>");
        }

        if (e.Fitness is { } f)
        {
            Row(h, "fitness", string.Create(CultureInfo.InvariantCulture,
                $"{f.Total:0.###} = loss {f.LossComponent:0.###} + benchmark {f.BenchmarkComponent:0.###} + judge {f.JudgeComponent:0.###} (Δloss {f.RelativeLossImprovement:+0.0%;-0.0%}, Δbenchmark {f.RelativeBenchmarkImprovement:+0.0%;-0.0%} vs {f.BaselineName ?? "baseline"})"));
        }

        h.Append("</tbody></table>");
        if (e.Result is { Tasks.Count: > 0 } result)
        {
            h.Append("<table><thead><tr><th>task</th><th>val loss</th><th>metrics</th><th>steps</th><th>tokens/s</th></tr></thead><tbody>");
            foreach (var task in result.Tasks)
            {
                h.Append("<tr><td>").Append(E(task.Task)).Append("</td>");
                Num(h, task.ValidationLoss, "0.####");
                h.Append("<td>").Append(E(ReportFormat.Metrics(task))).Append("</td><td class=\"num\">").Append(task.Steps).Append("</td>");
                Num(h, task.TokensPerSecond, "0");
                h.Append("</tr>");
            }

            h.Append("</tbody></table>");
        }

        if (lossCurve is not null)
        {
            Image(h, lossCurve, $"Training loss of experiment {e.Index}", "");
        }

        if (!string.IsNullOrWhiteSpace(e.Motivation))
        {
            h.Append("<h4>Motivation</h4><div class=\"prose\">").Append(E(e.Motivation.Trim())).Append("</div>");
        }

        if (e.Analysis is { } analysis)
        {
            h.Append("<h4>Analysis</h4>");
            AnalysisPart(h, "Design evaluation", analysis.DesignEvaluation);
            AnalysisPart(h, "Experimental results", analysis.ResultsAnalysis);
            AnalysisPart(h, "Expectation vs reality", analysis.ExpectationVsReality);
            AnalysisPart(h, "Theoretical explanation", analysis.TheoreticalExplanation);
            AnalysisPart(h, "Synthesis and insights", analysis.SynthesisAndInsights);
        }

        if (e.Judgement is { } j)
        {
            h.Append("<h4>Judge</h4><p>").Append(E(string.Create(CultureInfo.InvariantCulture,
                $"performance {j.Performance:0.#}, innovation {j.Innovation:0.#}, complexity {j.Complexity:0.#}"))).Append("</p>");
            if (!string.IsNullOrWhiteSpace(j.Reason))
            {
                h.Append("<div class=\"prose\">").Append(E(j.Reason)).Append("</div>");
            }
        }

        if (!string.IsNullOrEmpty(e.Program))
        {
            h.Append("<h4>Source</h4><pre><code>");
            foreach (var token in CSharpHighlighter.Tokenize(e.Program))
            {
                var cls = token.Kind switch
                {
                    SourceTokenKind.Keyword => "kw",
                    SourceTokenKind.Type => "ty",
                    SourceTokenKind.String => "st",
                    SourceTokenKind.Number => "nu",
                    SourceTokenKind.Comment => "co",
                    _ => null,
                };
                if (cls is null)
                {
                    h.Append(E(token.Text));
                }
                else
                {
                    h.Append("<span class=\"").Append(cls).Append("\">").Append(E(token.Text)).Append("</span>");
                }
            }

            h.Append("</code></pre>");
        }

        h.Append("</section>\n");
    }

    private static void AnalysisPart(StringBuilder h, string title, string body)
    {
        if (!string.IsNullOrWhiteSpace(body))
        {
            h.Append("<h5>").Append(E(title)).Append("</h5><div class=\"prose\">").Append(E(body.Trim())).Append("</div>");
        }
    }
}
