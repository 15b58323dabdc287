using System.CommandLine;
using AsiArch.Cli.Inspection;
using AsiArch.Sdk.Reporting;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch report</c>: writes the research report (self-contained HTML and Markdown) of a run.</summary>
public static class ReportCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = InspectionOptions.Database();
        var profile = InspectionOptions.Profile();
        var json = InspectionOptions.Json();
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder to write index.html, report.md and images/ into (created when missing).",
            Required = true,
            HelpName = "DIR",
        };
        var title = new Option<string?>("--title") { Description = "Report title.", HelpName = "TEXT" };
        var top = new Option<int>("--top")
        {
            Description = "Rows of the leaderboard [default: 20].",
            DefaultValueFactory = _ => 20,
            HelpName = "N",
        }.AtLeast(1);
        var command = new Command(
            "report",
            """
            Write the research report of a run: DIR/index.html (one self-contained page: leaderboard, fitness plots,
            discovery curve with its linear trend, lineage tree, design components, failures, cost and one section per
            experiment) and DIR/report.md (the same in Markdown, plots under DIR/images/).

            Examples:
              asiarch report --db run.db --out report
              asiarch report --db run.db --out report --profile Explore --title "Overnight run"
            """)
        {
            db, output, profile, json, title, top,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, () => RunAsync(
            context, parse.GetValue(db)!, parse.GetValue(output)!, parse.GetValue(profile), parse.GetValue(title), parse.GetValue(top), parse.GetValue(json), ct)));
        return command;
    }

    private static async Task<int> RunAsync(
        InspectionContext context, string db, string output, string? profileName, string? title, int top, bool json, CancellationToken ct)
    {
        var profile = ExperimentDatabase.ResolveProfile(profileName);
        if (string.IsNullOrWhiteSpace(output))
        {
            throw new CliCommandException("--out needs a folder path.", InspectionExitCodes.Usage);
        }

        var outDir = Path.GetFullPath(output);
        if (File.Exists(outDir))
        {
            throw new CliCommandException($"--out '{outDir}' is a file; give a folder for index.html and report.md.");
        }

        // The database is checked before anything is written, so a bad --db leaves no half report behind.
        using var store = await ExperimentDatabase.OpenExistingAsync(db, ct).ConfigureAwait(false);
        var report = await new RunReportBuilder(context.Time).BuildAsync(
            store,
            new RunReportOptions
            {
                Title = title ?? $"AsiArch discovery report: {Path.GetFileName(store.DatabasePath)}",
                LeaderboardSize = top,
                ProfileName = profile,
                Source = store.DatabasePath,
            },
            ct).ConfigureAwait(false);
        IReadOnlyList<string> written;
        try
        {
            written = await RunReportWriter.WriteAsync(report, outDir, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliCommandException($"Could not write the report to '{outDir}': {ex.Message}", ex);
        }

        var html = Path.Combine(outDir, RunReportWriter.HtmlFileName);
        var md = Path.Combine(outDir, RunReportWriter.MarkdownFileName);
        if (json)
        {
            JsonOutput.Write(context.Console, new
            {
                html,
                markdown = md,
                files = written,
                experiments = report.Totals.Experiments,
                beatingSeed = report.Discovery.TotalBeatingSeed,
                discoveries = report.Discovery.TotalDiscoveries,
            });
            return InspectionExitCodes.Ok;
        }

        context.Console.MarkupLine(FormattableString.Invariant(
            $"Report of [bold]{report.Totals.Experiments}[/] experiments ({report.Discovery.TotalBeatingSeed} beating the seed, {report.Discovery.TotalDiscoveries} verified discoveries):"));
        context.Console.MarkupLine("  " + Markup.Escape(html));
        context.Console.MarkupLine("  " + Markup.Escape(md));
        return InspectionExitCodes.Ok;
    }
}
