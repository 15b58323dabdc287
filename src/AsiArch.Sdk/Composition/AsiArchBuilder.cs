using AsiArch.Sdk.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Chooses the implementation of each role in a service collection:
/// <c>services.AddAsiArch(configuration).UseResearcher&lt;MyResearcher&gt;().UseSqliteExperimentStore("run.db")</c>.
/// Every role is a singleton; a later <c>Use{Role}</c> replaces an earlier one. Areas add their own
/// <c>Use...</c> extension methods and bind their options with <see cref="AddOptions{TOptions}"/>.
/// </summary>
public sealed class AsiArchBuilder
{
    private readonly HashSet<Type> _boundOptions = [];

    internal AsiArchBuilder(IServiceCollection services, IConfiguration? configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The configuration given to <c>AddAsiArch</c>, when any.</summary>
    public IConfiguration? Configuration { get; private set; }

    /// <summary>
    /// Registers <typeparamref name="TOptions"/> bound from the section <c>AsiArch:{area}</c> of <see cref="Configuration"/>,
    /// validated with data annotations and <paramref name="validate"/> when the host starts. Idempotent per options type.
    /// </summary>
    /// <typeparam name="TOptions">The options class.</typeparam>
    /// <param name="area">The area, e.g. <c>Store</c>, <c>Loop</c>, <c>Engineer</c>.</param>
    /// <param name="validate">Extra validation returning an error message, or null when valid.</param>
    public OptionsBuilder<TOptions> AddOptions<TOptions>(string area, Func<TOptions, string?>? validate = null)
        where TOptions : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(area);
        var options = Services.AddOptions<TOptions>();
        if (!_boundOptions.Add(typeof(TOptions)))
        {
            return options;
        }

        if (Configuration is not null)
        {
            options.Bind(Configuration.GetSection("AsiArch:" + area));
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        if (validate is not null)
        {
            Services.AddSingleton<IValidateOptions<TOptions>>(new DelegateValidation<TOptions>(validate));
        }

        return options;
    }

    /// <summary>Uses <typeparamref name="T"/> as the researcher.</summary>
    /// <typeparam name="T">The implementation, created by the container.</typeparam>
    public AsiArchBuilder UseResearcher<T>() where T : class, IResearcher => Use<IResearcher, T>();

    /// <summary>Uses <paramref name="researcher"/> as the researcher.</summary>
    /// <param name="researcher">The instance.</param>
    public AsiArchBuilder UseResearcher(IResearcher researcher) => Use(researcher);

    /// <summary>Uses the researcher created by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the researcher (e.g. a <see cref="ResearcherBuilder"/> pipeline).</param>
    public AsiArchBuilder UseResearcher(Func<IServiceProvider, IResearcher> factory) => Use(factory);

    /// <summary>Uses <typeparamref name="T"/> as the engineer.</summary>
    /// <typeparam name="T">The implementation, created by the container.</typeparam>
    public AsiArchBuilder UseEngineer<T>() where T : class, IEngineer => Use<IEngineer, T>();

    /// <summary>Uses <paramref name="engineer"/> as the engineer.</summary>
    /// <param name="engineer">The instance.</param>
    public AsiArchBuilder UseEngineer(IEngineer engineer) => Use(engineer);

    /// <summary>Uses the engineer created by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the engineer.</param>
    public AsiArchBuilder UseEngineer(Func<IServiceProvider, IEngineer> factory) => Use(factory);

    /// <summary>Uses <typeparamref name="T"/> as the trainer.</summary>
    /// <typeparam name="T">The implementation, created by the container.</typeparam>
    public AsiArchBuilder UseTrainer<T>() where T : class, ITrainer => Use<ITrainer, T>();

    /// <summary>Uses <paramref name="trainer"/> as the trainer.</summary>
    /// <param name="trainer">The instance.</param>
    public AsiArchBuilder UseTrainer(ITrainer trainer) => Use(trainer);

    /// <summary>Uses the trainer created by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the trainer.</param>
    public AsiArchBuilder UseTrainer(Func<IServiceProvider, ITrainer> factory) => Use(factory);

    /// <summary>Uses <typeparamref name="T"/> as the analyst.</summary>
    /// <typeparam name="T">The implementation, created by the container.</typeparam>
    public AsiArchBuilder UseAnalyst<T>() where T : class, IAnalyst => Use<IAnalyst, T>();

    /// <summary>Uses <paramref name="analyst"/> as the analyst.</summary>
    /// <param name="analyst">The instance.</param>
    public AsiArchBuilder UseAnalyst(IAnalyst analyst) => Use(analyst);

    /// <summary>Uses the analyst created by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the analyst.</param>
    public AsiArchBuilder UseAnalyst(Func<IServiceProvider, IAnalyst> factory) => Use(factory);

    /// <summary>Uses <typeparamref name="T"/> as the quality judge.</summary>
    /// <typeparam name="T">The implementation, created by the container.</typeparam>
    public AsiArchBuilder UseQualityJudge<T>() where T : class, IQualityJudge => Use<IQualityJudge, T>();

    /// <summary>Uses <paramref name="judge"/> as the quality judge.</summary>
    /// <param name="judge">The instance.</param>
    public AsiArchBuilder UseQualityJudge(IQualityJudge judge) => Use(judge);

    /// <summary>Uses the quality judge created by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the judge.</param>
    public AsiArchBuilder UseQualityJudge(Func<IServiceProvider, IQualityJudge> factory) => Use(factory);

    /// <summary>Uses <typeparamref name="T"/> as the fitness scorer.</summary>
    /// <typeparam name="T">The implementation, created by the container.</typeparam>
    public AsiArchBuilder UseFitnessScorer<T>() where T : class, IFitnessScorer => Use<IFitnessScorer, T>();

    /// <summary>Uses <paramref name="scorer"/> as the fitness scorer.</summary>
    /// <param name="scorer">The instance.</param>
    public AsiArchBuilder UseFitnessScorer(IFitnessScorer scorer) => Use(scorer);

    /// <summary>Uses the fitness scorer created by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the scorer.</param>
    public AsiArchBuilder UseFitnessScorer(Func<IServiceProvider, IFitnessScorer> factory) => Use(factory);

    /// <summary>Uses <typeparamref name="T"/> as the cognition store.</summary>
    /// <typeparam name="T">The implementation, created by the container.</typeparam>
    public AsiArchBuilder UseCognitionStore<T>() where T : class, ICognitionStore => Use<ICognitionStore, T>();

    /// <summary>Uses <paramref name="store"/> as the cognition store.</summary>
    /// <param name="store">The instance.</param>
    public AsiArchBuilder UseCognitionStore(ICognitionStore store) => Use(store);

    /// <summary>Uses the cognition store created by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the store.</param>
    public AsiArchBuilder UseCognitionStore(Func<IServiceProvider, ICognitionStore> factory) => Use(factory);

    /// <summary>Uses <typeparamref name="T"/> as the experiment store.</summary>
    /// <typeparam name="T">The implementation, created by the container.</typeparam>
    public AsiArchBuilder UseExperimentStore<T>() where T : class, IExperimentStore => Use<IExperimentStore, T>();

    /// <summary>Uses <paramref name="store"/> as the experiment store.</summary>
    /// <param name="store">The instance.</param>
    public AsiArchBuilder UseExperimentStore(IExperimentStore store) => Use(store);

    /// <summary>Uses the experiment store created by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the store.</param>
    public AsiArchBuilder UseExperimentStore(Func<IServiceProvider, IExperimentStore> factory) => Use(factory);

    /// <summary>Uses <typeparamref name="T"/> as the code repairer.</summary>
    /// <typeparam name="T">The implementation, created by the container.</typeparam>
    public AsiArchBuilder UseCodeRepairer<T>() where T : class, ICodeRepairer => Use<ICodeRepairer, T>();

    /// <summary>Uses <paramref name="repairer"/> as the code repairer.</summary>
    /// <param name="repairer">The instance.</param>
    public AsiArchBuilder UseCodeRepairer(ICodeRepairer repairer) => Use(repairer);

    /// <summary>Uses the code repairer created by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the repairer.</param>
    public AsiArchBuilder UseCodeRepairer(Func<IServiceProvider, ICodeRepairer> factory) => Use(factory);

    /// <summary>
    /// Uses <see cref="SqliteExperimentStore"/> as the experiment store, with <see cref="SqliteStoreOptions"/> bound from
    /// <c>AsiArch:Store</c> and then changed by <paramref name="configure"/>; the options are validated at start-up.
    /// </summary>
    /// <param name="configure">Changes the bound options (e.g. sets the path).</param>
    public AsiArchBuilder UseSqliteExperimentStore(Action<SqliteStoreOptions>? configure = null)
    {
        var options = AddOptions<SqliteStoreOptions>("Store", ValidateStoreOptions);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        Replace(ServiceDescriptor.Singleton(
            sp => new SqliteExperimentStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, sp.GetService<TimeProvider>())));
        return Use<IExperimentStore>(sp => sp.GetRequiredService<SqliteExperimentStore>());
    }

    /// <summary>Uses <see cref="SqliteExperimentStore"/> over the database file <paramref name="path"/>.</summary>
    /// <param name="path">The database file; created when missing.</param>
    public AsiArchBuilder UseSqliteExperimentStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return UseSqliteExperimentStore(o => o.Path = path);
    }

    /// <summary>Uses <see cref="SqliteExperimentStore"/> with a copy of <paramref name="options"/>.</summary>
    /// <param name="options">Path and busy timeout.</param>
    public AsiArchBuilder UseSqliteExperimentStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return UseSqliteExperimentStore(o =>
        {
            o.Path = options.Path;
            o.BusyTimeout = options.BusyTimeout;
            o.VerifyOnOpen = options.VerifyOnOpen;
        });
    }

    internal void AttachConfiguration(IConfiguration? configuration)
    {
        if (configuration is null || ReferenceEquals(configuration, Configuration))
        {
            return;
        }

        if (Configuration is not null)
        {
            throw new InvalidOperationException(
                "AddAsiArch was already called with another configuration; call it once, or pass the same configuration.");
        }

        Configuration = configuration;
    }

    private static string? ValidateStoreOptions(SqliteStoreOptions options) =>
        options.Path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 ? $"AsiArch:Store:Path '{options.Path}' contains characters invalid in a path." : null;

    private AsiArchBuilder Use<TService, TImplementation>()
        where TService : class
        where TImplementation : class, TService
    {
        Replace(ServiceDescriptor.Singleton<TService, TImplementation>());
        return this;
    }

    private AsiArchBuilder Use<TService>(TService instance)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(instance);
        Replace(ServiceDescriptor.Singleton(instance));
        return this;
    }

    private AsiArchBuilder Use<TService>(Func<IServiceProvider, TService> factory)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    private void Replace(ServiceDescriptor descriptor)
    {
        for (var i = Services.Count - 1; i >= 0; i--)
        {
            if (Services[i].ServiceType == descriptor.ServiceType && !Services[i].IsKeyedService)
            {
                Services.RemoveAt(i);
            }
        }

        Services.Add(descriptor);
    }

    private sealed class DelegateValidation<TOptions>(Func<TOptions, string?> validate) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var error = validate(options);
            return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
        }
    }
}
