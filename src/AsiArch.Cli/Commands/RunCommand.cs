using System.CommandLine;
using AsiArch.Cli.Inspection;
using AsiArch.Cli.Rendering;
using AsiArch.Sdk;
using AsiArch.Sdk.Cognition;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Providers;
using AsiArch.Sdk.Slurm;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.TorchSharp.Baselines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch run</c>: starts (or continues) a discovery run on a SQLite database: offline agents, or LLM agents when <c>AsiArch:Llm</c> is configured.</summary>
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
    /// <param name="context">Consoles and clock.</param>
    /// <param name="db">The run's database.</param>
    /// <param name="profile">Training profile.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="budget">Candidates to explore; 0 measures the references only.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <param name="overrides">Configuration values laid over appsettings.json and the environment.</param>
    internal static async Task<int> ExecuteAsync(
        InspectionContext context, string db, TrainingProfile profile, int seed, int budget, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        // Validate the file before composing anything: a foreign or newer database is refused untouched.
        using (await SqliteExperimentStore.OpenAsync(db, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
        }

        ServiceProvider provider;
        DiscoveryLoop loop;
        try
        {
            provider = ComposeServices(db, LoadConfiguration(overrides));
            loop = provider.GetRequiredService<DiscoveryLoop>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException or ArgumentException)
        {
            // Bad configuration (a missing API key variable, an invalid loop option): one clear line, nothing run.
            throw new CliCommandException($"Configuration error: {ex.Message}", InspectionExitCodes.Usage, ex);
        }

        await using var _ = provider;
        await SeedCognition.LoadAsync(provider.GetRequiredService<ICognitionStore>(), cancellationToken).ConfigureAwait(false);

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
            // Live dashboard on a terminal, plain log lines when redirected (AsiArch.Cli.Rendering).
            var options = loop.Options;
            await RunProgressRenderer.RenderAsync(
                loop.RunAsync(request, stop.Token, abort.Token),
                context.Console,
                new RunBudgetLimits
                {
                    MaxExperiments = budget,
                    MaxWallTime = options.MaxWallTime,
                    MaxComputeHours = options.MaxComputeHours,
                    MaxTokens = options.MaxTokens,
                    MaxCost = options.MaxCost,
                },
                CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }

        return InspectionExitCodes.Ok;
    }

    /// <summary>
    /// Standard .NET configuration: <c>appsettings.json</c> in the working directory, then environment variables
    /// (<c>AsiArch__Llm__Provider=OpenAI</c> switches the run to LLM agents; <c>AsiArch__Loop__...</c> tunes the loop).
    /// </summary>
    internal static IConfiguration LoadConfiguration(IReadOnlyDictionary<string, string?>? overrides = null) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
        .Build();

    /// <summary>
    /// The offline agents, the default engineer and the sandboxed trainer on the run's database; LLM agents replace the
    /// offline ones when <c>AsiArch:Llm:Provider</c> is configured, and Slurm batch jobs replace the local worker when
    /// <c>AsiArch:Training:Backend</c> is <c>Slurm</c> (settings under <c>AsiArch:Slurm</c>).
    /// </summary>
    internal static ServiceProvider ComposeServices(string db, IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<ISeedCatalog>(new SeedCatalog(BaselineCatalog.All.Select(b => new SeedArchitecture(b.Name, b.Source, b.Description))));
        services.AddAsiArch(configuration)
            .UseSqliteExperimentStore(db)
            .UseOfflineAgents()
            .UseTrainerBackend()                // AsiArch:Training:Backend = Local (sandboxed worker here) or Slurm
            .UseDefaultEngineer()
            .UseLlmAgentsFromConfiguration();
        services.AddDiscoveryLoop(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
