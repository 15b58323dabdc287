using System.CommandLine;
using System.Globalization;
using AsiArch.Cli.Inspection;
using AsiArch.Sdk;
using AsiArch.Sdk.Cognition;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.TorchSharp.Baselines;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch run</c>: starts (or continues) a discovery run on a SQLite database with the offline agents.</summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = InspectionOptions.Database();
        var profile = new Option<string>("--profile") { Description = "Training profile (Smoke, Explore, Verify, ...) [default: Explore].", DefaultValueFactory = _ => "Explore", HelpName = "NAME" };
        var budget = new Option<int>("--budget") { Description = "Candidates to explore [default: 20].", DefaultValueFactory = _ => 20, HelpName = "N" };
        budget.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0)
            {
                r.AddError("--budget must be a positive number.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Run seed [default: 1].", DefaultValueFactory = _ => 1, HelpName = "S" };
        var command = new Command(
            "run",
            """
            Run ASI-ARCH style discovery with the offline agents (evolutionary researcher, statistical analyst, metric
            judge) and the sandboxed worker. Measures the seed (DeltaNet) and the baselines first. Ctrl+C stops cleanly
            (running training finishes); a second Ctrl+C aborts, leaving every experiment resumable.

            Examples:
              asiarch run --db run.db --profile Smoke --budget 5
              asiarch run --db run.db --budget 50 --seed 3
            """)
        {
            db, profile, budget, seed,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, () =>
        {
            var resolved = ExperimentDatabase.ResolveProfile(parse.GetValue(profile)) ?? "Explore";
            return ExecuteAsync(context, parse.GetValue(db)!, TrainingProfiles.Get(resolved), parse.GetValue(seed), parse.GetValue(budget), ct);
        }));
        return command;
    }

    /// <summary>Runs the loop on <paramref name="db"/> (created when missing) and prints its events.</summary>
    internal static async Task<int> ExecuteAsync(InspectionContext context, string db, TrainingProfile profile, int seed, int budget, CancellationToken cancellationToken)
    {
        using var store = await SqliteExperimentStore.OpenAsync(db, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var cognition = await SqliteCognitionStore.OpenAsync(db, cancellationToken: cancellationToken).ConfigureAwait(false);
        var worker = new WorkerClient();
        var engineer = new Engineer(new ArtifactBuilder(), worker, new SandboxedTrainer(worker));
        var seeds = new SeedCatalog(BaselineCatalog.All.Select(b => new SeedArchitecture(b.Name, b.Source, b.Description)));
        var loop = new DiscoveryLoop(
            new EvolutionaryResearcher(experimentStore: store),
            engineer,
            new StatisticalAnalyst(),
            store,
            new AsiArchFitnessScorer(),
            seeds,
            new DiscoveryOptions(),
            new MetricQualityJudge(),
            cognition);

        // First Ctrl+C: stop proposing and let running work finish; second: abort.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abort = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            if (stop.IsCancellationRequested)
            {
                abort.Cancel();
            }
            else
            {
                context.Error.MarkupLine("[yellow]Stopping after running work; press Ctrl+C again to abort.[/]");
                stop.Cancel();
            }
        };
        Console.CancelKeyPress += handler;
        try
        {
            var request = new DiscoveryRequest { Profile = profile, Seed = seed, MaxExperiments = budget };
            await foreach (var e in loop.RunAsync(request, stop.Token, abort.Token).ConfigureAwait(false))
            {
                if (Describe(e) is { } line)
                {
                    context.Console.MarkupLine(Markup.Escape(line));
                }
            }
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }

        return InspectionExitCodes.Ok;
    }

    private static string? Describe(DiscoveryEvent e) => e switch
    {
        ExperimentProposedEvent p => $"#{p.Experiment.Index} {p.Experiment.Name} ({p.Experiment.Kind}) proposed",
        ExperimentEvaluatedEvent v => string.Create(CultureInfo.InvariantCulture, $"#{v.Experiment.Index} {v.Experiment.Name} evaluated: fitness {v.Experiment.Fitness?.Total:0.000}"),
        ExperimentFailedEvent f => $"#{f.Experiment.Index} {f.Experiment.Name} failed: {f.Experiment.Failure}",
        CandidatePromotedEvent c => $"#{c.Outcome.CandidateIndex} {c.Outcome.CandidateName}: {(c.Outcome.IsDiscovery ? "DISCOVERY" : "no discovery")} ({c.Outcome.Verdict})",
        BudgetReachedEvent b => $"Budget reached: {b.Reason} ({b.Detail})",
        RunStoppedEvent s => $"Run stopped: {s.Reason}",
        _ => null,
    };
}
