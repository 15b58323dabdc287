using System.CommandLine;
using AsiArch.Cli.Inspection;
using AsiArch.Sdk.Serialization;
using AsiArch.Sdk.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch import</c>: loads an export (file or gallery folder) into a run database.</summary>
public static class ImportCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = InspectionOptions.Database();
        var json = InspectionOptions.Json();
        var input = new Option<string>("--in", "-i") { Description = "An export file, or a folder written by export --gallery.", Required = true, HelpName = "PATH" };
        var merge = new Option<bool>("--merge") { Description = "Allow importing into a database that already holds experiments (indexes must not collide)." };
        var command = new Command(
            "import",
            """
            Import an export into a run database in one transaction (all or nothing), keeping indexes, statuses and
            timestamps. The database is created when missing; an existing one must be empty unless --merge is given.

            Examples:
              asiarch import --db copy.db --in run.json
              asiarch import --db copy.db --in gallery
            """)
        {
            db, input, merge, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var source = Path.GetFullPath(parse.GetValue(input)!);
            var isFolder = Directory.Exists(source);
            if (!isFolder && !File.Exists(source))
            {
                throw new CliCommandException($"No export at '{source}'.");
            }

            var dbPath = Path.GetFullPath(parse.GetValue(db)!);
            var created = !File.Exists(dbPath);
            ExperimentImportSummary summary;
            try
            {
                SqliteExperimentStore store;
                try
                {
                    store = await SqliteExperimentStore.OpenAsync(dbPath, context.Time, ct).ConfigureAwait(false);
                }
                catch (AsiArch.Sdk.ExperimentStoreException ex)
                {
                    throw new CliCommandException(ex.Message, ex);
                }

                using (store)
                {
                    var importer = new ExperimentImporter(store);
                    var options = new ExperimentImportOptions { AllowNonEmptyStore = parse.GetValue(merge) };
                    try
                    {
                        summary = isFolder
                            ? await importer.ImportFromDirectoryAsync(source, options, ct).ConfigureAwait(false)
                            : await importer.ImportAsync(source, options, ct).ConfigureAwait(false);
                    }
                    catch (InvalidDataException ex)
                    {
                        throw new CliCommandException($"'{source}' is not a valid export: {ex.Message} Nothing was imported.", ex);
                    }
                    catch (InvalidOperationException ex)
                    {
                        throw new CliCommandException($"{ex.Message} Nothing was imported.", ex);
                    }
                    catch (AsiArch.Sdk.ExperimentStoreException ex)
                    {
                        throw new CliCommandException($"{ex.Message} Nothing was imported.", ex);
                    }
                }
            }
            catch (CliCommandException) when (created)
            {
                // The database did not exist before this command: leave nothing behind.
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(dbPath + suffix);
                }

                throw;
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Console, new { database = dbPath, summary.Experiments, summary.Interactions, summary.RunValues, summary.PoolSize });
            }
            else
            {
                context.Console.MarkupLine(Markup.Escape(FormattableString.Invariant(
                    $"Imported {summary.Experiments} experiments, {summary.Interactions} model interactions and {summary.RunValues} run values into {dbPath}.")));
            }

            return InspectionExitCodes.Ok;
        }));
        return command;
    }
}
