using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Engineering.Compilation;
using AsiArch.Sdk.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Engineering;

/// <summary>Registers the default engineer and the sandboxed trainer on an <see cref="AsiArchBuilder"/>.</summary>
public static class EngineeringBuilderExtensions
{
    /// <summary>Configuration area of <see cref="EngineerOptions"/> (<c>AsiArch:Engineer</c>).</summary>
    public const string EngineerArea = "Engineer";

    /// <summary>Configuration area of <see cref="SandboxOptions"/> (<c>AsiArch:Engineer:Sandbox</c>).</summary>
    public const string SandboxArea = "Engineer:Sandbox";

    /// <summary>
    /// Uses <see cref="Engineer"/>: Roslyn compile, safety gate, contract, probes in the sandboxed worker, bounded repair
    /// through the registered <see cref="ICodeRepairer"/> (none: no repair). Training goes to the registered
    /// <see cref="ITrainer"/>, or to a <see cref="SandboxedTrainer"/> when none is registered; with another trainer, the
    /// worker that probed a candidate does not stay for its training (<see cref="SandboxOptions.TrainInProbedWorker"/>).
    /// </summary>
    public static AsiArchBuilder UseDefaultEngineer(this AsiArchBuilder builder, Action<EngineerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddOptions<EngineerOptions>(EngineerArea);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        AddSandbox(builder);
        builder.Services.TryAddSingleton(_ => new CandidateCompiler());
        builder.Services.TryAddSingleton<IArtifactBuilder>(sp => new ArtifactBuilder(sp.GetRequiredService<CandidateCompiler>()));
        return builder.UseEngineer(sp =>
        {
            var prober = sp.GetRequiredService<ICandidateProber>();
            var trainer = sp.GetService<ITrainer>() ?? new SandboxedTrainer(sp.GetRequiredService<WorkerClient>());
            if (prober is WorkerClient client && !ReferenceEquals(trainer.GetService(typeof(WorkerClient)), client))
            {
                // A probed worker would wait for a training that never comes to it.
                client.TrainingsGoElsewhere();
            }

            return new Engineer(
                sp.GetRequiredService<IArtifactBuilder>(),
                prober,
                trainer,
                sp.GetService<ICodeRepairer>(),
                sp.GetRequiredService<IOptions<EngineerOptions>>().Value,
                sp.GetService<ILoggerFactory>()?.CreateLogger<Engineer>());
        });
    }

    /// <summary>Uses <see cref="SandboxedTrainer"/>: every candidate trains in the sandboxed worker process.</summary>
    public static AsiArchBuilder UseSandboxedTrainer(this AsiArchBuilder builder, Action<SandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = AddSandbox(builder);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder.UseTrainer(sp => new SandboxedTrainer(sp.GetRequiredService<WorkerClient>()));
    }

    private static OptionsBuilder<SandboxOptions> AddSandbox(AsiArchBuilder builder)
    {
        var options = builder.AddOptions<SandboxOptions>(SandboxArea);
        builder.Services.TryAddSingleton(sp => new WorkerClient(sp.GetRequiredService<IOptions<SandboxOptions>>().Value, sp.GetService<ILoggerFactory>()));
        builder.Services.TryAddSingleton<ICandidateProber>(sp => sp.GetRequiredService<WorkerClient>());
        return options;
    }
}
