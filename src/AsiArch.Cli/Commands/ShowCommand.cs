using System.CommandLine;
using AsiArch.Cli.Inspection;
using AsiArch.Cli.Rendering;
using AsiArch.Sdk;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch show ID</c>: everything about one experiment.</summary>
public static class ShowCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = InspectionOptions.Database();
        var json = InspectionOptions.Json();
        var id = new Argument<long>("id") { Description = "The experiment index (see asiarch top)." };
        var noSource = new Option<bool>("--no-source") { Description = "Leave the source code out." };
        var command = new Command(
            "show",
            """
            Show one experiment: motivation, source (highlighted), results, fitness components, analysis and lineage.

            Examples:
              asiarch show 12 --db run.db
              asiarch show 12 --db run.db --no-source
              asiarch show 12 --db run.db --json
            """)
        {
            id, db, json, noSource,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, () => RunAsync(
            context, parse.GetValue(db)!, parse.GetValue(id), parse.GetValue(json), parse.GetValue(noSource), ct)));
        return command;
    }

    private static async Task<int> RunAsync(InspectionContext context, string db, long index, bool json, bool noSource, CancellationToken ct)
    {
        using var store = await ExperimentDatabase.OpenExistingAsync(db, ct).ConfigureAwait(false);
        var e = await ExperimentDatabase.GetExistingAsync(store, index, ct).ConfigureAwait(false);
        var path = await store.GetPathToRootAsync(index, ct).ConfigureAwait(false);
        var children = await store.GetChildrenAsync(index, ct).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(context.Console, new
            {
                experiment = e,
                ancestors = path.Skip(1).Select(a => new { index = a.Index, name = a.Name, score = a.Score }).ToList(),
                children = children.Select(c => new { index = c.Index, name = c.Name, status = c.Status, score = c.Score }).ToList(),
            });
            return InspectionExitCodes.Ok;
        }

        var console = context.Console;
        console.Write(new Rule($"[bold]#{e.Index} {Markup.Escape(e.Name)}[/]").LeftJustified());
        console.Write(ExperimentViews.Facts(e));
        console.WriteLine();
        if (!string.IsNullOrWhiteSpace(e.Motivation))
        {
            console.Write(new Panel(new Text(e.Motivation.Trim())).Header("motivation").Expand());
        }

        if (e.Fitness is { } fitness)
        {
            console.Write(new Rule("fitness").LeftJustified());
            console.Write(ExperimentViews.Fitness(fitness));
        }

        if (e.Result is { } result)
        {
            console.Write(new Rule("results").LeftJustified());
            console.Write(ExperimentViews.Results(result));
        }

        if (e.Judgement is { } j)
        {
            console.Write(new Rule("judge").LeftJustified());
            console.WriteLine(FormattableString.Invariant($"performance {j.Performance:0.#}, innovation {j.Innovation:0.#}, complexity {j.Complexity:0.#}"));
            if (!string.IsNullOrWhiteSpace(j.Reason))
            {
                console.Write(new Text(j.Reason.Trim() + "\n"));
            }
        }

        if (e.Analysis is { } analysis)
        {
            console.Write(new Panel(new Text(analysis.ToMarkdown().Trim())).Header("analysis").Expand());
        }

        console.Write(new Rule("lineage").LeftJustified());
        console.Write(new Text(path.Count <= 1
            ? "root (no parent)\n"
            : "ancestors: " + string.Join(" <- ", path.Skip(1).Select(a => $"#{a.Index} {a.Name}")) + "\n"));
        console.Write(new Text(children.Count == 0
            ? "children: none\n"
            : "children: " + string.Join(", ", children.Select(c => $"#{c.Index} {c.Name}")) + "\n"));

        if (!noSource && !string.IsNullOrEmpty(e.Program))
        {
            console.Write(new Panel(new Markup(SourceMarkup.Highlight(e.Program.TrimEnd()))).Header("source").Expand());
        }

        return InspectionExitCodes.Ok;
    }
}
