using System.CommandLine;
using AsiArch.Cli.Inspection;
using AsiArch.Sdk.Serialization;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch export</c>: a run database as JSON (one document, or an ASI-ARCH gallery-shaped folder).</summary>
public static class ExportCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = InspectionOptions.Database();
        var json = InspectionOptions.Json();
        var output = new Option<string>("--out", "-o") { Description = "The JSON file to write (a folder with --gallery).", Required = true, HelpName = "PATH" };
        var gallery = new Option<bool>("--gallery")
        {
            Description = "Write a folder shaped like ASI-ARCH's gallery: experiments.json (full records), tree.json (lineage) and store.json (pool, model calls, run values).",
        };
        var command = new Command(
            "export",
            """
            Export every experiment, the candidate pool, model interactions and run values as JSON (indexes, statuses and
            timestamps kept), for archiving, sharing or import into another database.

            Examples:
              asiarch export --db run.db --out run.json
              asiarch export --db run.db --out gallery --gallery
            """)
        {
            db, output, gallery, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var target = Path.GetFullPath(parse.GetValue(output)!);
            var asGallery = parse.GetValue(gallery);
            if (asGallery ? File.Exists(target) : Directory.Exists(target))
            {
                throw new CliCommandException(asGallery
                    ? $"--out '{target}' is a file; --gallery writes a folder."
                    : $"--out '{target}' is a folder; give a file name (or add --gallery).");
            }

            using var store = await ExperimentDatabase.OpenExistingAsync(parse.GetValue(db)!, ct).ConfigureAwait(false);
            var exporter = new ExperimentExporter(store, context.Time);
            try
            {
                if (asGallery)
                {
                    await exporter.ExportToDirectoryAsync(target, ct).ConfigureAwait(false);
                }
                else
                {
                    await exporter.ExportAsync(target, ct).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliCommandException($"Could not write '{target}': {ex.Message}", ex);
            }

            var counts = await store.CountByStatusAsync(ct).ConfigureAwait(false);
            var total = counts.Values.Sum();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Console, new { output = target, gallery = asGallery, experiments = total });
            }
            else
            {
                context.Console.MarkupLine(Markup.Escape(FormattableString.Invariant($"Exported {total} experiments to {target}.")));
            }

            return InspectionExitCodes.Ok;
        }));
        return command;
    }
}
