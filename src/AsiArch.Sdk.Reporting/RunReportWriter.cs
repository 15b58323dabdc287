using System.Text;
using AsiArch.Sdk.Reporting.Rendering;

namespace AsiArch.Sdk.Reporting;

/// <summary>Writes a report to a directory: <c>index.html</c> (self-contained), <c>report.md</c> and the plots under <c>images/</c> for the Markdown.</summary>
public static class RunReportWriter
{
    /// <summary>Name of the HTML page.</summary>
    public const string HtmlFileName = "index.html";

    /// <summary>Name of the Markdown file.</summary>
    public const string MarkdownFileName = "report.md";

    /// <summary>Folder of the plot files the Markdown links to.</summary>
    public const string ImagesFolder = "images";

    /// <summary>Draws the plots and writes every file; returns the paths written.</summary>
    /// <param name="report">The report.</param>
    /// <param name="directory">Target folder (created when missing; files of the same names are replaced).</param>
    /// <param name="cancellationToken">Cancels between files.</param>
    public static async Task<IReadOnlyList<string>> WriteAsync(RunReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var images = ReportImages.Draw(report);
        var root = Path.GetFullPath(directory);
        var imageDir = Path.Combine(root, ImagesFolder);
        Directory.CreateDirectory(imageDir);
        var written = new List<string>();
        async Task Png(string name, byte[]? png)
        {
            if (png is not null)
            {
                var path = Path.Combine(imageDir, name);
                await File.WriteAllBytesAsync(path, png, cancellationToken).ConfigureAwait(false);
                written.Add(path);
            }
        }

        await Png("fitness.png", images.Fitness).ConfigureAwait(false);
        await Png("discovery.png", images.Discovery).ConfigureAwait(false);
        await Png("failures.png", images.Failures).ConfigureAwait(false);
        foreach (var (index, png) in images.LossCurves)
        {
            await Png(MarkdownReportWriter.LossCurveFileName(index), png).ConfigureAwait(false);
        }

        var html = Path.Combine(root, HtmlFileName);
        await File.WriteAllTextAsync(html, HtmlReportWriter.Render(report, images), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        written.Add(html);
        var md = Path.Combine(root, MarkdownFileName);
        await File.WriteAllTextAsync(md, MarkdownReportWriter.Render(report, images, name => $"{ImagesFolder}/{name}"), new UTF8Encoding(false), cancellationToken)
            .ConfigureAwait(false);
        written.Add(md);
        return written;
    }
}
