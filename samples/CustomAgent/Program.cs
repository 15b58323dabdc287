// Swaps and wraps roles: (a) the default evolutionary researcher wrapped in a lab-notebook decorator
// (LabNotebookResearcher + UseLabNotebook), (b) the analyst replaced by ScoreboardAnalyst. Then a short Smoke discovery.
// With --review FOLDER a scientist approves, edits or rejects every proposal first (UseHumanReview).
// Usage: CustomAgent [--experiments N] [--steps N] [--db PATH] [--seed N] [--review FOLDER]
using System.Globalization;
using AsiArch.Sdk;
using AsiArch.Sdk.Cognition;
using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Review;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.TorchSharp.Baselines;
using CustomAgent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var options = SampleArguments.Parse(args, defaultDatabase: "runs/custom-agent.db");
if (options is null)
{
    Console.Error.WriteLine("usage: CustomAgent [--experiments N] [--steps N] [--db PATH] [--seed N] [--review FOLDER]");
    return 2;
}

var notebook = Path.Combine(Path.GetDirectoryName(options.Database)!, "notebook");
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

// <snippet:compose-custom-agents>
var asiArch = services.AddAsiArch(configuration)
    .UseSqliteExperimentStore(options.Database)
    .UseOfflineAgents()              // evolutionary researcher, statistical analyst, metric judge, SQLite cognition
    .UseLabNotebook(notebook)        // (a) wrap the researcher chosen above
    .UseAnalyst<ScoreboardAnalyst>() // (b) replace one role outright
    .UseSandboxedTrainer(o =>
    {
        o.Threads = 2;
        o.MeasureComplexity = false; // keeps the smoke run short; leave it on in real runs
    })
    .UseDefaultEngineer();
services.AddDiscoveryLoop(configuration);
// </snippet:compose-custom-agents>

if (options.Review is { } reviewFolder)
{
    // <snippet:use-human-review>
    asiArch.UseHumanReview(o =>
    {
        o.Folder = reviewFolder;                          // pending/<id>/{Layer.cs, motivation.md, decision.txt}
        o.Timeout = TimeSpan.FromMinutes(30);
        o.TimeoutPolicy = ReviewTimeoutPolicy.Approve;    // or Reject, or Fail (the round fails with FailureKind.Timeout)
    });
    // </snippet:use-human-review>
    Console.WriteLine($"Proposals wait for review in {Path.GetFullPath(reviewFolder)}/pending (asiarch review --folder {reviewFolder}).");
}

await using var provider = services.BuildServiceProvider();
await SeedCognition.LoadAsync(provider.GetRequiredService<ICognitionStore>());
var profile = TrainingProfiles.Smoke with
{
    Steps = options.Steps,
    WarmupSteps = Math.Min(10, options.Steps / 4),
    Benchmarks = [.. TrainingProfiles.Smoke.Benchmarks.Select(b => b with { Steps = b.Steps is null ? null : Math.Min(b.Steps.Value, options.Steps) })],
};

Console.WriteLine($"Custom agents: researcher {provider.GetRequiredService<IResearcher>().GetType().Name}, analyst {provider.GetRequiredService<IAnalyst>().GetType().Name}, {options.Experiments} experiments");
var loop = provider.GetRequiredService<DiscoveryLoop>();
ExperimentRecord? last = null;
await foreach (var e in loop.RunAsync(new DiscoveryRequest { Profile = profile, Seed = options.Seed, MaxExperiments = options.Experiments, Promote = false }))
{
    if (e is ExperimentCompletedEvent { Experiment: var done })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  #{done.Index} {done.Name}: fitness {done.Fitness?.Total:0.000}"));
        last = done.Kind == ExperimentKind.Candidate ? done : last;
    }
    else if (e is ExperimentFailedEvent { Experiment: var failed })
    {
        Console.WriteLine($"  #{failed.Index} {failed.Name} failed: {failed.Failure?.Kind} {failed.Failure?.Message}");
    }
}

var pages = Directory.Exists(notebook) ? Directory.GetFiles(notebook, "*.md").Length : 0;
Console.WriteLine($"Lab notebook: {pages} proposal page(s) in {notebook}");
if (last?.Analysis is { } analysis)
{
    Console.WriteLine($"Scoreboard analysis of #{last.Index}:");
    Console.WriteLine(analysis.ResultsAnalysis);
    Console.WriteLine(analysis.ExpectationVsReality);
}

return pages > 0 && last?.Analysis is not null ? 0 : 1;
