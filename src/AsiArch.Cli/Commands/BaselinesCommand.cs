using System.CommandLine;
using System.Globalization;
using AsiArch.Cli.Inspection;
using AsiArch.Cli.Rendering;
using AsiArch.Sdk;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch baselines</c>: the human baselines (and the seed) measured in a run, per profile and seed.</summary>
public static class BaselinesCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = InspectionOptions.Database();
        var profile = InspectionOptions.Profile();
        var json = InspectionOptions.Json();
        var command = new Command(
            "baselines",
            """
            List the human baselines and the seed architecture measured in a run: loss, benchmark score and fitness per
            profile and seed. Baselines are measured locally on the run's profile, never hard-coded.

            Examples:
              asiarch baselines --db run.db
              asiarch baselines --db run.db --profile Smoke --json
            """)
        {
            db, profile, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, () => RunAsync(
            context, parse.GetValue(db)!, parse.GetValue(profile), parse.GetValue(json), ct)));
        return command;
    }

    private static async Task<int> RunAsync(InspectionContext context, string db, string? profileName, bool json, CancellationToken ct)
    {
        var profile = ExperimentDatabase.ResolveProfile(profileName);
        using var store = await ExperimentDatabase.OpenExistingAsync(db, ct).ConfigureAwait(false);
        var references = await store.QueryAsync(
            new ExperimentQuery { Kinds = [ExperimentKind.Seed, ExperimentKind.Baseline], ProfileName = profile }, ct).ConfigureAwait(false);
        var rows = references
            .OrderBy(r => r.ProfileName, StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Seed)
            .Select(r => new
            {
                index = r.Index,
                name = r.Name,
                kind = r.Kind,
                status = r.Status,
                profileName = r.ProfileName,
                seed = r.Seed,
                loss = r.Fitness?.Loss ?? r.Result?.GetTask("lm")?.ValidationLoss,
                benchmarkScore = r.Fitness?.BenchmarkScore,
                fitness = r.Score,
                failure = r.Failure?.ToString(),
            })
            .ToList();
        if (json)
        {
            JsonOutput.Write(context.Console, rows);
            return InspectionExitCodes.Ok;
        }

        if (rows.Count == 0)
        {
            context.Console.MarkupLine(Markup.Escape(profile is null
                ? "No baseline measured in this run yet (a run measures them on its profile before the first candidate)."
                : $"No baseline measured on profile {profile} yet."));
            return InspectionExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("#").RightAligned()).AddColumn("name").AddColumn("kind").AddColumn("profile")
            .AddColumn(new TableColumn("seed").RightAligned()).AddColumn("status")
            .AddColumn(new TableColumn("loss").RightAligned()).AddColumn(new TableColumn("benchmark").RightAligned())
            .AddColumn(new TableColumn("fitness").RightAligned());
        foreach (var r in rows)
        {
            table.AddRow(
                new Text(r.index.ToString(CultureInfo.InvariantCulture)),
                new Text(r.name),
                new Text(r.kind.ToString()),
                new Text(r.profileName ?? "–"),
                new Text(r.seed.ToString(CultureInfo.InvariantCulture)),
                r.status == ExperimentStatus.Failed ? new Markup("[red]Failed[/]") : new Text(r.status.ToString()),
                new Text(ExperimentViews.Number(r.loss, "0.####")),
                new Text(ExperimentViews.Number(r.benchmarkScore, "0.####")),
                new Text(ExperimentViews.Number(r.fitness)));
        }

        context.Console.Write(table);
        return InspectionExitCodes.Ok;
    }
}
