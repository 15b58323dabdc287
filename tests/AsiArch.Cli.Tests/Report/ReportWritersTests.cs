using System.Text.RegularExpressions;
using AsiArch.Cli.Tests.Fixtures;
using AsiArch.Sdk.Reporting;
using AsiArch.Sdk.Reporting.Rendering;

namespace AsiArch.Cli.Tests.Report;

public sealed partial class ReportWritersTests
{
    private static readonly RunReport Report = new RunReportBuilder(new FixedTimeProvider(RunFixture.Start)).Build(
        RunFixture.Experiments,
        [new PromotionSummary { CandidateIndex = 5, CandidateName = "gated-conv-delta", PromotionIndexes = [9], IsDiscovery = true, Verdict = "beats <b>it</b>" }],
        new RunReportOptions { Title = "Fixture <run>" });

    private static readonly ReportImages Images = ReportImages.Draw(Report);

    [Fact]
    public void Html_UntrustedText_IsEscapedEverywhere()
    {
        var html = HtmlReportWriter.Render(Report, Images);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("</pre></code><img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>it</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<run>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Fixture &lt;run&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_EveryExperimentHasASectionAndEveryPlotIsAnEmbeddedPng()
    {
        var html = HtmlReportWriter.Render(Report, Images);

        foreach (var e in RunFixture.Experiments)
        {
            Assert.Contains($"<section class=\"experiment\" id=\"exp-{e.Index}\">", html, StringComparison.Ordinal);
        }

        var images = ImageSource().Matches(html).Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        // Fitness, discovery and failures plots, plus one loss-curve plot per experiment with a curve (7 scored).
        Assert.Equal(3 + 7, images.Count);
        Assert.All(images, png => Assert.True(PngSize(png) is { Width: > 100, Height: > 100 }));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_UntrustedTextEscapedAndSourceFencedSafely()
    {
        var md = MarkdownReportWriter.Render(Report, Images, name => "images/" + name);

        Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", md, StringComparison.Ordinal);
        Assert.Contains("<a id=\"exp-6\"></a>", md, StringComparison.Ordinal);
        Assert.Contains("![Discovery curve](images/discovery.png)", md, StringComparison.Ordinal);
        Assert.Contains("````csharp", md, StringComparison.Ordinal); // the fixture source holds a ``` run
        Assert.Contains("  - [#3](#exp-3)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Fence_LongerThanAnyBacktickRunInside()
    {
        Assert.Equal("`````\na ```` b\n`````\n", MarkdownText.Fence("a ```` b"));
        Assert.Equal("```cs\nx\n```\n", MarkdownText.Fence("x\n", "cs"));
    }

    [Fact]
    public void Build_Totals_SumCostsAndCountFailuresByKind()
    {
        Assert.Equal(9, Report.Totals.Experiments);
        Assert.Equal(7, Report.Totals.Scored);
        Assert.Equal(2, Report.Totals.Failed);
        Assert.Equal(880, Report.Totals.ComputeSeconds, 9);
        Assert.Equal(7000, Report.Totals.InputTokens);
        Assert.Equal(0.07m, Report.Totals.Cost);
        Assert.Equal(880 / 3600.0, Report.Totals.ComputeHoursPerDiscovery!.Value, 9);
        Assert.Equal(2, Report.FailureCounts.Count);
        Assert.Equal([5L, 9L, 4L, 2L, 6L, 1L, 3L], Report.Leaderboard.Select(e => e.Index));
    }

    internal static (int Width, int Height)? PngSize(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature) || System.Text.Encoding.ASCII.GetString(png, 12, 4) != "IHDR")
        {
            return null;
        }

        static int BigEndian(byte[] b, int o) => (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
        return (BigEndian(png, 16), BigEndian(png, 20));
    }

    [GeneratedRegex("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    internal static partial Regex ImageSource();
}
