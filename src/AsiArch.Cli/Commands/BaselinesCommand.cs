using System.CommandLine;
using System.Globalization;
using AsiArch.Cli.Inspection;
using AsiArch.Cli.Rendering;
using AsiArch.Sdk;
using AsiArch.Sdk.TorchSharp.Baselines;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary>
/// <c>asiarch baselines</c>: the human baselines (and the seed) measured in a run, per profile and seed; with
/// <c>--measure</c> it first trains the ones not yet measured on the profile (in the sandboxed worker).
/// </summary>
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
        var measure = new Option<bool>("--measure")
        {
            Description = "Train and score the seed and the baselines on --profile (default Explore) first, creating the database when missing; references already measured on that profile and seed are kept.",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the measurement [default: 1].", DefaultValueFactory = _ => 1, HelpName = "S" };
        var only = new Option<string?>("--only")
        {
            Description = "With --measure: measure only these baselines (comma-separated catalog names, e.g. Transformer,GLA); the seed is always measured.",
            HelpName = "NAMES",
        };
        var command = new Command(
            "baselines",
            """
            List the human baselines and the seed architecture measured in a run: loss, benchmark score and fitness per
            profile and seed. Baselines are measured locally on the run's profile, never hard-coded.

            Examples:
              asiarch baselines --db run.db
              asiarch baselines --db run.db --profile Smoke --json
              asiarch baselines --db baselines.db --measure --profile Smoke
              asiarch baselines --db baselines.db --measure --profile Explore --only Transformer,LinearAttention
            """)
        {
            db, profile, json, measure, seed, only,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, async () =>
        {
            if (parse.GetValue(measure))
            {
                await MeasureAsync(context, parse.GetValue(db)!, parse.GetValue(profile), parse.GetValue(seed), parse.GetValue(only), ct).ConfigureAwait(false);
            }
            else if (parse.GetValue(only) is not null)
            {
                throw new CliCommandException("--only applies to --measure.", InspectionExitCodes.Usage);
            }

            return await RunAsync(context, parse.GetValue(db)!, parse.GetValue(profile), parse.GetValue(json), ct).ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>Runs the loop with no candidate budget: it measures the seed and the (selected) baselines, then stops.</summary>
    private static async Task MeasureAsync(InspectionContext context, string db, string? profileName, int seed, string? only, CancellationToken ct)
    {
        var profile = TrainingProfiles.Get(ExperimentDatabase.ResolveProfile(profileName) ?? "Explore");
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (only is not null)
        {
            var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var known = BaselineCatalog.All.Select(b => b.Name).ToList();
            var unknown = names.Where(n => !known.Contains(n, StringComparer.Ordinal)).ToList();
            if (names.Length == 0 || unknown.Count > 0)
            {
                throw new CliCommandException(
                    $"Unknown baseline(s) in --only: {string.Join(", ", unknown.DefaultIfEmpty("(none given)"))}. Known: {string.Join(", ", known)}.",
                    InspectionExitCodes.Usage);
            }

            for (var i = 0; i < names.Length; i++)
            {
                overrides[$"AsiArch:Loop:Baselines:{i.ToString(CultureInfo.InvariantCulture)}"] = names[i];
            }
        }

        await RunCommand.ExecuteAsync(context, db, profile, seed, budget: 0, ct, overrides).ConfigureAwait(false);
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
