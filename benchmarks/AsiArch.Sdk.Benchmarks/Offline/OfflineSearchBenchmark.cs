using System.Globalization;
using AsiArch.Sdk.Cognition;
using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.TorchSharp.Baselines;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.Benchmarks.Offline;

/// <summary>
/// Search quality of the evolutionary researcher against uniform random sampling of the same design space, with the
/// same loop, profile, budget and seeds: experiments needed to beat the seed architecture (DeltaNet) and the best
/// fitness after N experiments, median over the seeds. Runs real training in the sandboxed worker (hold the torch lock).
/// </summary>
internal sealed class OfflineSearchBenchmark : IMacroBenchmark
{
    public string Name => "offline-search";

    public string Description => "evolutionary researcher vs random sampling: experiments to beat the seed, best fitness after N (args: experiments=8 seeds=3 profile=Smoke slots=1 threads=2)";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new BenchmarkSettings(args);
        var experiments = settings.Int("experiments", 8);
        var seeds = settings.Int("seeds", 3);
        var profile = TrainingProfiles.Get(settings.Text("profile", "Smoke"));
        // Two 1-thread slots overlap one worker's start-up with the other's training; never more than 2 threads in all.
        var slots = settings.Int("slots", 1);
        var threads = settings.Int("threads", 2);
        var root = Path.Combine(Path.GetTempPath(), "asiarch-offline-search-" + Guid.NewGuid().ToString("N")[..8]);
        var results = new List<(SearchStrategy Strategy, int Seed, double SeedFitness, int? ToBeat, double Best, int Scored)>();
        foreach (var strategy in new[] { SearchStrategy.Evolutionary, SearchStrategy.RandomSampling })
        {
            for (var seed = 1; seed <= seeds; seed++)
            {
                var db = Path.Combine(root, $"{strategy}-{seed}.db");
                var run = await RunOnceAsync(strategy, seed, experiments, profile, slots, threads, db, cancellationToken);
                results.Add((strategy, seed, run.SeedFitness, run.ToBeat, run.Best, run.Scored));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{strategy} seed {seed}: seed fitness {run.SeedFitness:0.000}, best candidate {run.Best:0.000}, beat the seed after {run.ToBeat?.ToString(CultureInfo.InvariantCulture) ?? "never"} ({run.Scored} scored)"));
            }
        }

        output.WriteLine();
        output.WriteLine($"| strategy | seeds | experiments | median experiments to beat seed | median best fitness after {experiments} | runs that beat the seed |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Strategy))
        {
            var toBeat = group.Select(r => (double)(r.ToBeat ?? experiments + 1)).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {seeds} | {experiments} | {Median(toBeat):0.#}{(toBeat.Any(t => t > experiments) ? " (never = N+1)" : "")} | {Median(group.Select(r => r.Best).ToList()):0.000} | {group.Count(r => r.ToBeat is not null)}/{seeds} |"));
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Temporary files only.
        }
    }

    private static async Task<(double SeedFitness, int? ToBeat, double Best, int Scored)> RunOnceAsync(
        SearchStrategy strategy, int seed, int experiments, TrainingProfile profile, int slots, int threads, string database, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Loop:MaxExperiments"] = experiments.ToString(CultureInfo.InvariantCulture),
            ["AsiArch:Loop:ColdStart"] = "4",
            ["AsiArch:Loop:PoolUpdateInterval"] = "4",
            ["AsiArch:Loop:PromotionTopK"] = "0",
            ["AsiArch:Loop:TrainingSlots"] = slots.ToString(CultureInfo.InvariantCulture),
            ["AsiArch:Loop:ThreadsPerSlot"] = threads.ToString(CultureInfo.InvariantCulture),
            // Only the seed is measured: the comparison is against DeltaNet, as in ASI-ARCH.
            ["AsiArch:Loop:Baselines:0"] = "DeltaNet",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ISeedCatalog>(new SeedCatalog(BaselineCatalog.All.Select(b => new SeedArchitecture(b.Name, b.Source, b.Description))));
        services.AddSingleton(_ => new WorkerClient(new SandboxOptions { Threads = threads }));
        services.AddAsiArch(configuration)
            .UseSqliteExperimentStore(database)
            .UseOfflineAgents(o => o.Strategy = strategy)
            .UseTrainer(sp => new SandboxedTrainer(sp.GetRequiredService<WorkerClient>()))
            .UseEngineer(sp => new Engineer(new ArtifactBuilder(), sp.GetRequiredService<WorkerClient>(), sp.GetRequiredService<ITrainer>()));
        services.AddDiscoveryLoop(configuration);
        await using var provider = services.BuildServiceProvider();
        await SeedCognition.LoadAsync(provider.GetRequiredService<ICognitionStore>(), cancellationToken);
        var loop = provider.GetRequiredService<DiscoveryLoop>();
        await foreach (var _ in loop.RunAsync(new DiscoveryRequest { Profile = profile, Seed = seed, MaxExperiments = experiments, Promote = false }, cancellationToken))
        {
        }

        var store = provider.GetRequiredService<IExperimentStore>();
        var all = await store.QueryAsync(new ExperimentQuery(), cancellationToken);
        var seedFitness = all.Where(r => r.Kind == ExperimentKind.Seed && r.Score is not null).Select(r => r.Score!.Value).DefaultIfEmpty(double.NaN).Max();
        foreach (var failed in all.Where(r => r.Kind == ExperimentKind.Seed && r.Failure is not null))
        {
            // A run whose seed failed measures nothing: say why instead of printing a table of NaNs.
            await Console.Error.WriteLineAsync($"seed {failed.Name} failed: {failed.Failure}");
        }
        var candidates = all.Where(r => r.Kind == ExperimentKind.Candidate).OrderBy(r => r.Index).ToList();
        int? toBeat = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Score is { } s && s > seedFitness)
            {
                toBeat = i + 1;
                break;
            }
        }

        var best = candidates.Where(c => c.Score is not null).Select(c => c.Score!.Value).DefaultIfEmpty(0).Max();
        return (seedFitness, toBeat, best, candidates.Count(c => c.Score is not null));
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
