// Plugs a task of its own into discovery: a running-parity benchmark (ParityBenchmark.cs) registered with
// UseBenchmark<T>(), trained in the sandboxed worker next to the built-in tasks, scored by the fitness and explained by
// the analyst without changing either. Usage: CustomBenchmark [--experiments N] [--steps N] [--db PATH] [--seed N]
using System.Globalization;
using AsiArch.Sdk;
using AsiArch.Sdk.Benchmarks;
using AsiArch.Sdk.Cognition;
using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.TorchSharp.Baselines;
using CustomBenchmark;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var options = SampleArguments.Parse(args, defaultDatabase: "runs/custom-benchmark.db");
if (options is null)
{
    Console.Error.WriteLine("usage: CustomBenchmark [--experiments N] [--steps N] [--db PATH] [--seed N]");
    return 2;
}

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AsiArch:Loop:MaxExperiments"] = options.Experiments.ToString(CultureInfo.InvariantCulture),
    ["AsiArch:Loop:ColdStart"] = "2",
    ["AsiArch:Loop:PoolUpdateInterval"] = "2",
    ["AsiArch:Loop:PromotionTopK"] = "0",
    ["AsiArch:Loop:TrainingSlots"] = "1",
}).Build();

var services = new ServiceCollection();
services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

// The run starts from DeltaNet and measures it as its baseline; add BaselineCatalog entries to compare with more human designs.
services.AddSingleton<ISeedCatalog>(new SeedCatalog(BaselineCatalog.All.Where(b => b.Name == "DeltaNet").Select(b => new SeedArchitecture(b.Name, b.Source, b.Description))));

// <snippet:use-benchmark>
services.AddAsiArch(configuration)
    .UseSqliteExperimentStore(options.Database)
    .UseOfflineAgents()
    .UseSandboxedTrainer(o =>
    {
        o.Threads = 2;
        o.MeasureComplexity = false; // keeps the smoke run short; leave it on in real runs
    })
    .UseDefaultEngineer()
    .UseBenchmark<ParityBenchmark>(weight: 1.0); // the worker loads this assembly and creates the task by type
services.AddDiscoveryLoop(configuration);
// </snippet:use-benchmark>

await using var provider = services.BuildServiceProvider();
await SeedCognition.LoadAsync(provider.GetRequiredService<ICognitionStore>());

// <snippet:profile-with-benchmark>
// A profile names its tasks; ApplyTo adds every registered benchmark it does not name yet, with its weight.
var profile = provider.GetRequiredService<BenchmarkCatalog>().ApplyTo(TrainingProfiles.Smoke with
{
    Name = "ParitySmoke",
    Steps = options.Steps,
    WarmupSteps = Math.Min(10, options.Steps / 4),
    LossTask = ParityBenchmark.Name, // the loss term of the fitness is the parity validation loss
    Benchmarks = [],
});
// </snippet:profile-with-benchmark>

Console.WriteLine($"Custom benchmark: profile {profile.Name} [{string.Join(", ", profile.Benchmarks.Select(b => $"{b.Name} x{b.Weight}"))}], {options.Experiments} experiments, database {options.Database}");
var loop = provider.GetRequiredService<DiscoveryLoop>();
await foreach (var e in loop.RunAsync(new DiscoveryRequest { Profile = profile, Seed = options.Seed, MaxExperiments = options.Experiments, Promote = false }))
{
    if (e is ExperimentCompletedEvent { Experiment: var done })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  #{done.Index} {done.Name}: fitness {done.Fitness?.Total:0.000}"));
    }
    else if (e is ExperimentFailedEvent { Experiment: var failed })
    {
        Console.WriteLine($"  #{failed.Index} {failed.Name} failed: {failed.Failure?.Kind} {failed.Failure?.Message}");
    }
}

var store = provider.GetRequiredService<IExperimentStore>();
var rows = await store.QueryAsync(new ExperimentQuery { ScoredOnly = true, OrderBy = ExperimentOrder.FitnessDescending });
Console.WriteLine($"{"#",4} {"kind",-9} {"name",-40} {"fitness",8} {"parity acc",10}");
foreach (var r in rows)
{
    var accuracy = r.Result?.GetTask(ParityBenchmark.Name)?.Metrics.GetValueOrDefault("accuracy");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Index,4} {r.Kind.ToString().ToLowerInvariant(),-9} {r.Name,-40} {r.Fitness!.Total,8:0.000} {accuracy,10:0.000}"));
}

var analysed = await store.QueryAsync(new ExperimentQuery { Statuses = [ExperimentStatus.Done], Kinds = [ExperimentKind.Candidate] });
if (analysed.LastOrDefault()?.Analysis is { } analysis)
{
    Console.WriteLine("Latest analysis (results section):");
    Console.WriteLine(analysis.ResultsAnalysis);
}

return rows.Count > 0 ? 0 : 1;
