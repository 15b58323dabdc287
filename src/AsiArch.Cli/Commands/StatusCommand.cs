using System.CommandLine;
using AsiArch.Cli.Inspection;
using AsiArch.Sdk;
using AsiArch.Sdk.Discovery;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch status</c>: where a discovery run stands (counts by status, every experiment, stop reason).</summary>
public static class StatusCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = InspectionOptions.Database();
        var json = InspectionOptions.Json();
        var command = new Command(
            "status",
            """
            Show a run's progress: experiments per status, each experiment (seeds and baselines marked) and why the
            last run stopped.

            JSON shape (--json): {"counts": {"<Status>": n}, "experiments": [{"index", "name", "kind", "status",
            "failureKind", "fitness", "parent"}], "stopReason": "..."|null}

            Examples:
              asiarch status --db run.db
              asiarch status --db run.db --json
            """)
        {
            db, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, () => RunAsync(context, parse.GetValue(db)!, parse.GetValue(json), ct)));
        return command;
    }

    private static async Task<int> RunAsync(InspectionContext context, string db, bool json, CancellationToken ct)
    {
        using var store = await ExperimentDatabase.OpenExistingAsync(db, ct).ConfigureAwait(false);
        var counts = await store.CountByStatusAsync(ct).ConfigureAwait(false);
        var experiments = await store.QueryAsync(new ExperimentQuery(), ct).ConfigureAwait(false);
        var stopReason = await store.GetRunValueAsync(RunValueKeys.StopReason, ct).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(context.Console, new
            {
                counts = counts.OrderBy(c => c.Key).ToDictionary(c => c.Key.ToString(), c => c.Value),
                experiments = experiments.Select(e => new
                {
                    index = e.Index,
                    name = e.Name,
                    kind = e.Kind.ToString(),
                    status = e.Status.ToString(),
                    failureKind = e.Failure?.Kind.ToString(),
                    fitness = e.Fitness?.Total,
                    parent = e.Parent,
                }).ToList(),
                stopReason,
            });
            return InspectionExitCodes.Ok;
        }

        var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"));
        context.Console.MarkupLine(Markup.Escape($"{experiments.Count} experiment(s): {(summary.Length == 0 ? "none" : summary)}"));
        context.Console.MarkupLine(Markup.Escape($"Stop reason: {stopReason ?? "(running or never stopped)"}"));
        if (experiments.Count == 0)
        {
            return InspectionExitCodes.Ok;
        }

        var table = new Table().AddColumns("#", "Name", "Kind", "Status", "Fitness", "Parent");
        foreach (var e in experiments)
        {
            var status = e.Failure is { } f ? $"{e.Status} ({f.Kind})" : e.Status.ToString();
            table.AddRow(
                e.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(e.Name),
                e.Kind.ToString(),
                status,
                e.Fitness is { } fit ? fit.Total.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "-",
                e.Parent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        }

        context.Console.Write(table);
        return InspectionExitCodes.Ok;
    }
}
