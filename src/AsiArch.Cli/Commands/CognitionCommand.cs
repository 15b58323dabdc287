using System.CommandLine;
using System.Globalization;
using AsiArch.Cli.Inspection;
using AsiArch.Sdk;
using AsiArch.Sdk.Cognition;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch cognition add|search|list|export</c>: the run's cognition base (distilled research knowledge).</summary>
public static class CognitionCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    /// <param name="context">Consoles, clock and the LLM extractor factory.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command(
            "cognition",
            """
            The cognition base: research insights keyed by the experimental symptoms they address (trigger patterns),
            retrieved for the researcher and the analyst.

            Examples:
              asiarch cognition list --db run.db
              asiarch cognition search "poor recall on mqar" --db run.db -k 5
              asiarch cognition add --db run.db --file insights.json
              asiarch cognition add --db run.db --paper deltanet.txt --title "Parallelizing Linear Transformers with the Delta Rule" --arxiv 2406.06484
              asiarch cognition export --db run.db --out cognition.json
            """);
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Search(context));
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(Export(context));
        return command;
    }

    private static Command List(InspectionContext context)
    {
        var db = InspectionOptions.Database();
        var json = InspectionOptions.Json();
        var command = new Command("list", "List every cognition entry (id, kind, source, trigger patterns).") { db, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var entries = await ReadAsync(parse.GetValue(db)!, store => store.ListAsync(ct), [], ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Console, entries);
                return InspectionExitCodes.Ok;
            }

            if (entries.Count == 0)
            {
                context.Console.MarkupLine("No cognition entry in this database.");
                return InspectionExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("id").AddColumn("kind").AddColumn("source").AddColumn("trigger patterns");
            foreach (var e in entries)
            {
                table.AddRow(new Text(e.Id), new Text(e.Kind.ToString()), new Text(Source(e)), new Text(Shorten(e.TriggerPatterns, 120)));
            }

            context.Console.Write(table);
            context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{entries.Count} entries[/]"));
            return InspectionExitCodes.Ok;
        }));
        return command;
    }

    private static Command Search(InspectionContext context)
    {
        var db = InspectionOptions.Database();
        var json = InspectionOptions.Json();
        var query = new Argument<string>("query") { Description = "What to look for: a symptom, a design idea, a benchmark behaviour." };
        var count = new Option<int>("--count", "-k")
        {
            Description = "How many entries to return [default: 3].",
            DefaultValueFactory = _ => 3,
            HelpName = "N",
        }.AtLeast(1);
        var command = new Command("search", "Find the entries that best match a query (BM25 + embedding, fused).") { query, db, json, count };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var text = parse.GetValue(query)!;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CliCommandException("The search query is empty.", InspectionExitCodes.Usage);
            }

            var hits = await ReadAsync(parse.GetValue(db)!, store => store.SearchAsync(text, parse.GetValue(count), ct), [], ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Console, hits);
                return InspectionExitCodes.Ok;
            }

            if (hits.Count == 0)
            {
                context.Console.MarkupLine("No matching cognition entry.");
                return InspectionExitCodes.Ok;
            }

            foreach (var hit in hits)
            {
                var e = hit.Entry;
                var body = new Rows(
                    new Markup("[grey]triggers:[/] " + Markup.Escape(e.TriggerPatterns)),
                    new Markup("[grey]insight:[/] " + Markup.Escape(e.DesignInsight)),
                    new Markup("[grey]algorithm:[/] " + Markup.Escape(e.AlgorithmicInnovation)),
                    new Markup("[grey]how:[/] " + Markup.Escape(e.ImplementationGuidance)));
                context.Console.Write(new Panel(body).Header(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{e.Id} ({hit.Score:0.###}) {Source(e)}"))).Expand());
            }

            return InspectionExitCodes.Ok;
        }));
        return command;
    }

    private static Command Add(InspectionContext context)
    {
        var db = InspectionOptions.Database();
        var json = InspectionOptions.Json();
        var file = new Option<string?>("--file") { Description = "A cognition document (JSON, format \"asiarch-cognition\", as written by export).", HelpName = "PATH" };
        var paper = new Option<string?>("--paper") { Description = "A paper as plain text; insights are extracted by the configured LLM (AsiArch:Llm).", HelpName = "PATH" };
        var title = new Option<string?>("--title") { Description = "Title of the paper (with --paper).", HelpName = "TEXT" };
        var arxiv = new Option<string?>("--arxiv") { Description = "arXiv id of the paper (with --paper).", HelpName = "ID" };
        var command = new Command("add", "Add entries from a cognition document, or extract them from a paper with the configured LLM.")
        {
            db, json, file, paper, title, arxiv,
        };
        command.Validators.Add(r =>
        {
            var hasFile = r.GetValue(file) is not null;
            var hasPaper = r.GetValue(paper) is not null;
            if (hasFile == hasPaper)
            {
                r.AddError("Give exactly one of --file (a cognition document) or --paper (a paper text).");
            }
        });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var dbPath = Path.GetFullPath(parse.GetValue(db)!);
            int added;
            if (parse.GetValue(file) is { } path)
            {
                var text = await ReadInputAsync(path, ct).ConfigureAwait(false);
                try
                {
                    CognitionDocument.Parse(text); // validate before the database is opened or created
                }
                catch (FormatException ex)
                {
                    throw new CliCommandException($"'{Path.GetFullPath(path)}': {ex.Message} Nothing was added.", ex);
                }

                using var store = await OpenForWriteAsync(dbPath, ct).ConfigureAwait(false);
                try
                {
                    added = await store.ImportJsonAsync(text, ct).ConfigureAwait(false);
                }
                catch (FormatException ex)
                {
                    throw new CliCommandException($"'{Path.GetFullPath(path)}': {ex.Message} Nothing was added.", ex);
                }
            }
            else
            {
                var paperPath = parse.GetValue(paper)!;
                var text = await ReadInputAsync(paperPath, ct).ConfigureAwait(false);
                var extractor = context.CognitionExtractorFactory() ?? throw new CliCommandException(
                    "Extracting insights from a paper needs an LLM, and none is configured. Set AsiArch__Llm__Provider and " +
                    "AsiArch__Llm__Model (and the provider's API key), or add a cognition document with --file.");
                var source = new CognitionSource
                {
                    Title = parse.GetValue(title) ?? Path.GetFileNameWithoutExtension(paperPath),
                    ArxivId = parse.GetValue(arxiv),
                };
                var entries = await extractor.ExtractAsync(text, source, ct).ConfigureAwait(false);
                if (entries.Count == 0)
                {
                    throw new CliCommandException("The LLM extracted no insight from the paper; nothing was added.");
                }

                using var store = await OpenForWriteAsync(dbPath, ct).ConfigureAwait(false);
                foreach (var entry in entries)
                {
                    await store.AddAsync(entry, ct).ConfigureAwait(false);
                }

                added = entries.Count;
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Console, new { added, database = dbPath });
            }
            else
            {
                context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Added {added} cognition entries to {dbPath}.")));
            }

            return InspectionExitCodes.Ok;
        }));
        return command;
    }

    private static Command Export(InspectionContext context)
    {
        var db = InspectionOptions.Database();
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of standard output.", HelpName = "PATH" };
        var command = new Command("export", "Write every entry as a cognition document (JSON), readable by cognition add --file.") { db, output };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var entries = await ReadAsync(parse.GetValue(db)!, store => store.ListAsync(ct), [], ct).ConfigureAwait(false);
            var text = new CognitionDocument { Entries = [.. entries] }.ToJson();
            if (parse.GetValue(output) is { } path)
            {
                try
                {
                    await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliCommandException($"Could not write '{Path.GetFullPath(path)}': {ex.Message}", ex);
                }

                context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Exported {entries.Count} entries to {Path.GetFullPath(path)}.")));
            }
            else
            {
                var writer = context.Console.Profile.Out.Writer;
                writer.Write(text);
                writer.Write('\n');
                writer.Flush();
            }

            return InspectionExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Runs a read against an existing database; a database without cognition tables reads as empty and is not touched.</summary>
    private static async Task<T> ReadAsync<T>(string db, Func<SqliteCognitionStore, Task<T>> read, T empty, CancellationToken ct)
    {
        var full = RequireExisting(db);
        if (!HasCognitionTables(full))
        {
            return empty;
        }

        using var store = await OpenForWriteAsync(full, ct).ConfigureAwait(false);
        return await read(store).ConfigureAwait(false);
    }

    private static string RequireExisting(string db)
    {
        var full = Path.GetFullPath(db);
        if (!File.Exists(full))
        {
            throw new CliCommandException($"No database at '{full}'. Pass the run's database with --db PATH. Nothing was created.");
        }

        if (new FileInfo(full).Length == 0)
        {
            throw new CliCommandException($"'{full}' is empty: it is not an AsiArch database. Nothing was written to it.");
        }

        return full;
    }

    private static bool HasCognitionTables(string path)
    {
        var readOnly = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(readOnly);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'cognition_entries'";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        }
        catch (SqliteException)
        {
            return true; // let the store report exactly what is wrong with the file
        }
    }

    private static async Task<SqliteCognitionStore> OpenForWriteAsync(string path, CancellationToken ct)
    {
        try
        {
            return await SqliteCognitionStore.OpenAsync(path, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (ExperimentStoreException ex)
        {
            throw new CliCommandException(ex.Message, ex);
        }
    }

    private static async Task<string> ReadInputAsync(string path, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return await File.ReadAllTextAsync(full, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliCommandException($"Could not read '{full}': {ex.Message}", ex);
        }
    }

    private static string Source(CognitionEntry e) =>
        e.Source is null ? "" : e.Source.Title + (e.Source.ArxivId is { } id ? $" (arXiv {id})" : "");

    private static string Shorten(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
