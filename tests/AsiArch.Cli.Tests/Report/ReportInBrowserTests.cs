using System.Text.RegularExpressions;
using AsiArch.Cli.Tests.Fixtures;

namespace AsiArch.Cli.Tests.Report;

/// <summary>The generated report opened in a real browser engine: it loads without errors and every image decodes.</summary>
public sealed partial class ReportInBrowserTests : IDisposable
{
    private const string Probe = """
        <script>
        window.addEventListener('load', () => {
          const images = [...document.images];
          const broken = images.filter(i => !i.complete || i.naturalWidth === 0 || i.naturalHeight === 0).map(i => i.alt);
          const sections = [...document.querySelectorAll('section.experiment')].map(s => s.id);
          const svg = document.querySelector('svg.lineage');
          document.body.setAttribute('data-images', String(images.length));
          document.body.setAttribute('data-broken', broken.join('|'));
          document.body.setAttribute('data-sections', sections.join(','));
          document.body.setAttribute('data-tree-nodes', svg ? String(svg.querySelectorAll('circle,rect').length) : '0');
          document.body.setAttribute('data-probe', 'done');
        });
        </script>
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Report_OpenedInHeadlessChromium_LoadsEveryImageAndSectionWithoutErrors()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        var outDir = _dir.File("report");
        var run = await CliHarness.RunAsync("report", "--db", db, "--out", outDir);
        Assert.Equal(0, run.ExitCode);
        var html = await File.ReadAllTextAsync(Path.Combine(outDir, "index.html"));

        // 1. The report itself: loads with its Content-Security-Policy and logs no error.
        var (code, dom, log) = await HeadlessChromium.RunAsync(Path.Combine(outDir, "index.html"), _dir.File("profile1"), "--dump-dom");
        Assert.Equal(0, code);
        Assert.Contains("exp-9", dom, StringComparison.Ordinal);
        Assert.DoesNotMatch(ErrorLine(), log);

        // 2. A copy with a probe script (the report's CSP forbids scripts, so the copy drops it) reports what loaded.
        var probed = Csp().Replace(html, "").Replace("</body>", Probe + "</body>", StringComparison.Ordinal);
        var probeFile = Path.Combine(outDir, "probe.html");
        await File.WriteAllTextAsync(probeFile, probed);
        (code, dom, log) = await HeadlessChromium.RunAsync(probeFile, _dir.File("profile2"), "--dump-dom");
        Assert.Equal(0, code);
        Assert.Equal("done", Attribute(dom, "data-probe"));
        Assert.Equal("", Attribute(dom, "data-broken"));
        Assert.Equal(ReportWritersTests.ImageSource().Matches(html).Count, int.Parse(Attribute(dom, "data-images"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(string.Join(",", RunFixture.Experiments.Select(e => $"exp-{e.Index}")), Attribute(dom, "data-sections"));
        Assert.Equal(RunFixture.Experiments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Attribute(dom, "data-tree-nodes"));
        Assert.DoesNotMatch(ErrorLine(), log);

        // 3. It renders to pixels: a full-page screenshot (kept for people when ASIARCH_REPORT_ARTIFACTS names a folder).
        var shot = _dir.File("report.png");
        (code, _, log) = await HeadlessChromium.RunAsync(Path.Combine(outDir, "index.html"), _dir.File("profile3"), "--screenshot=" + shot, "--window-size=1280,2400", "--hide-scrollbars");
        Assert.Equal(0, code);
        Assert.True(ReportWritersTests.PngSize(await File.ReadAllBytesAsync(shot)) is { Width: 1280, Height: 2400 }, log);
        if (Environment.GetEnvironmentVariable("ASIARCH_REPORT_ARTIFACTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(shot, Path.Combine(keep, "report.png"), overwrite: true);
            File.Copy(Path.Combine(outDir, "index.html"), Path.Combine(keep, "index.html"), overwrite: true);
            File.Copy(Path.Combine(outDir, "report.md"), Path.Combine(keep, "report.md"), overwrite: true);
        }

        // Every embedded image is a real, non-empty PNG.
        foreach (Match m in ReportWritersTests.ImageSource().Matches(html))
        {
            Assert.True(ReportWritersTests.PngSize(Convert.FromBase64String(m.Groups[1].Value)) is { Width: > 0, Height: > 0 });
        }
    }

    private static string Attribute(string dom, string name)
    {
        var m = Regex.Match(dom, "<body[^>]*\\s" + Regex.Escape(name) + "=\"([^\"]*)\"");
        Assert.True(m.Success, $"attribute {name} missing on <body>; the probe did not run.");
        return System.Net.WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\"[^>]*>")]
    private static partial Regex Csp();

    // Console errors, CSP refusals and failed loads as Chromium logs them for the page.
    [GeneratedRegex("Uncaught|Refused to|Failed to load|ERR_|net::ERR|Not allowed to load", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorLine();
}
