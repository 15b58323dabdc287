// The main job: a whole ASI-ARCH style discovery run, offline and without an API key. The embedded agents
// (evolutionary researcher, statistical analyst, metric judge, SQLite cognition base seeded with paper knowledge)
// propose linear-attention mixers; the engineer compiles and gates them; the sandboxed worker trains them on CPU.
// Baselines are measured first, then --experiments candidates; the database can be inspected and resumed with `asiarch`.
using System.Globalization;
using AsiArch.Sdk;
using AsiArch.Sdk.Cognition;
using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.TorchSharp.Baselines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quickstart;

QuickstartArguments arguments;
TrainingProfile profile;
try
{
    arguments = QuickstartArguments.Parse(args);
    profile = TrainingProfiles.Get(arguments.Profile);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var database = Path.GetFullPath(arguments.Database);
Directory.CreateDirectory(Path.GetDirectoryName(database)!);
Console.WriteLine($"AsiArch quickstart: profile {profile.Name}, {arguments.Experiments} experiments, seed {arguments.Seed}, database {database}");

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AsiArch:Loop:MaxExperiments"] = arguments.Experiments.ToString(CultureInfo.InvariantCulture),
    // A short run: update the pool after every few experiments instead of ASI-ARCH's 200-experiment cold start.
    ["AsiArch:Loop:ColdStart"] = "4",
    ["AsiArch:Loop:PoolUpdateInterval"] = "4",
    ["AsiArch:Loop:PromotionTopK"] = "0",
    ["AsiArch:Loop:TrainingSlots"] = "1",
    ["AsiArch:Loop:ThreadsPerSlot"] = "2",
}).Build();

var services = new ServiceCollection();
services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
services.AddSingleton<ISeedCatalog>(new SeedCatalog(BaselineCatalog.All.Select(b => new SeedArchitecture(b.Name, b.Source, b.Description))));
services.AddSingleton(sp => new WorkerClient(new SandboxOptions { Threads = 2 }, sp.GetService<ILoggerFactory>()));
services.AddAsiArch(configuration)
    .UseSqliteExperimentStore(database)
    .UseOfflineAgents()
    .UseTrainer(sp => new SandboxedTrainer(sp.GetRequiredService<WorkerClient>()))
    .UseEngineer(sp => new Engineer(
        new ArtifactBuilder(),
        sp.GetRequiredService<WorkerClient>(),
        sp.GetRequiredService<ITrainer>(),
        logger: sp.GetService<ILogger<Engineer>>()));
services.AddDiscoveryLoop(configuration);

await using var provider = services.BuildServiceProvider();
var cognition = provider.GetRequiredService<ICognitionStore>();
var added = await SeedCognition.LoadAsync(cognition);
Console.WriteLine($"Cognition base: {added} seed entries added ({(await cognition.ListAsync()).Count} in total).");

var loop = provider.GetRequiredService<DiscoveryLoop>();
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C finishes the running experiments and stops; the database stays resumable.
    e.Cancel = true;
    stop.Cancel();
    Console.WriteLine("Stopping after the running experiment...");
};

await foreach (var e in loop.RunAsync(new DiscoveryRequest { Profile = profile, Seed = arguments.Seed, MaxExperiments = arguments.Experiments, Promote = false }, stop.Token))
{
    var line = EventText.Describe(e);
    if (line is not null)
    {
        Console.WriteLine(line);
    }
}

await Leaderboard.PrintAsync(provider.GetRequiredService<IExperimentStore>(), Console.Out);
Console.WriteLine($"Inspect or resume: asiarch top --db {database}");
return 0;
