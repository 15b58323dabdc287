using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Slurm;

/// <summary>Registers the Slurm trainer on an <see cref="AsiArchBuilder"/>.</summary>
public static class SlurmBuilderExtensions
{
    /// <summary>Configuration area of <see cref="SlurmOptions"/> (<c>AsiArch:Slurm</c>).</summary>
    public const string SlurmArea = "Slurm";

    /// <summary>Configuration key choosing the backend for <see cref="UseTrainerBackend"/>: <c>Local</c> or <c>Slurm</c>.</summary>
    public const string BackendKey = "AsiArch:Training:Backend";

    /// <summary>
    /// Uses <see cref="SlurmTrainer"/>: every candidate trains as a Slurm batch job. <see cref="SlurmOptions"/> are bound
    /// from <c>AsiArch:Slurm</c>, then changed by <paramref name="configure"/>, and validated when the host starts.
    /// The trainer is disposed with the container, which cancels its unfinished jobs.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the bound options (e.g. the shared directory).</param>
    public static AsiArchBuilder UseSlurmTrainer(this AsiArchBuilder builder, Action<SlurmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddOptions<SlurmOptions>(SlurmArea, o => o.Validate());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Candidates train on the cluster: a worker kept here after the probes would only wait for a training that never comes.
        builder.Services.PostConfigure<SandboxOptions>(o => o.TrainInProbedWorker = false);
        builder.Services.TryAddSingleton(sp => new SlurmTrainer(
            sp.GetRequiredService<IOptions<SlurmOptions>>().Value,
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
        return builder.UseTrainer(sp => sp.GetRequiredService<SlurmTrainer>());
    }

    /// <summary>
    /// Uses the trainer of <paramref name="backend"/>, or of the configuration key <c>AsiArch:Training:Backend</c>
    /// (<c>Local</c> when absent): <see cref="TrainerBackend.Local"/> registers the sandboxed worker on this machine,
    /// <see cref="TrainerBackend.Slurm"/> the Slurm trainer.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="backend">The backend; null reads the configuration.</param>
    /// <exception cref="InvalidOperationException">The configured backend is not one of the names.</exception>
    public static AsiArchBuilder UseTrainerBackend(this AsiArchBuilder builder, TrainerBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var chosen = backend ?? ReadBackend(builder.Configuration);
        return chosen == TrainerBackend.Slurm ? builder.UseSlurmTrainer() : builder.UseSandboxedTrainer();
    }

    private static TrainerBackend ReadBackend(IConfiguration? configuration)
    {
        var text = configuration?[BackendKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TrainerBackend.Local;
        }

        return Enum.TryParse<TrainerBackend>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidOperationException($"{BackendKey} is '{text}'; use one of: {string.Join(", ", Enum.GetNames<TrainerBackend>())}.");
    }
}
