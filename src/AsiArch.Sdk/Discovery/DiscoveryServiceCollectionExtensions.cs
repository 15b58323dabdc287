using AsiArch.Sdk.Fitness;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Discovery;

/// <summary>Registers the discovery loop and the default fitness scorer.</summary>
public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="DiscoveryOptions"/> from <c>AsiArch:Loop</c> and <see cref="FitnessOptions"/> from
    /// <c>AsiArch:Loop:Fitness</c> (validated at start-up, expressions compiled), registers
    /// <see cref="AsiArchFitnessScorer"/> as the default <see cref="IFitnessScorer"/> and <see cref="DiscoveryLoop"/>.
    /// The roles, the experiment store and an <see cref="ISeedCatalog"/> must be registered too.
    /// </summary>
    public static IServiceCollection AddDiscoveryLoop(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DiscoveryOptions>().Bind(configuration.GetSection(DiscoveryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FitnessOptions>().Bind(configuration.GetSection(FitnessOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscoveryOptions>, DiscoveryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FitnessOptions>, FitnessOptionsValidator>());
        services.TryAddSingleton<IFitnessScorer>(sp => new AsiArchFitnessScorer(sp.GetRequiredService<IOptions<FitnessOptions>>()));
        services.TryAddSingleton(sp => new DiscoveryLoop(
            sp.GetRequiredService<IResearcher>(),
            sp.GetRequiredService<IEngineer>(),
            sp.GetRequiredService<IAnalyst>(),
            sp.GetRequiredService<IExperimentStore>(),
            sp.GetRequiredService<IFitnessScorer>(),
            sp.GetService<ISeedCatalog>() ?? throw new InvalidOperationException(
                "No ISeedCatalog is registered: register the seed architectures (e.g. the TorchSharp BaselineCatalog) as an ISeedCatalog."),
            sp.GetRequiredService<IOptions<DiscoveryOptions>>().Value,
            sp.GetService<IQualityJudge>(),
            sp.GetService<ICognitionStore>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetRequiredService<IOptions<FitnessOptions>>().Value));
        return services;
    }
}
