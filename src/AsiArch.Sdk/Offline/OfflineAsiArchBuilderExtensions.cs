using AsiArch.Sdk.Cognition;
using AsiArch.Sdk.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Offline;

/// <summary>DI registration of the embedded offline agents (no API key needed).</summary>
public static class OfflineAsiArchBuilderExtensions
{
    /// <summary>
    /// Uses <see cref="EvolutionaryResearcher"/> as the researcher, with <see cref="EvolutionaryResearcherOptions"/> bound
    /// from <c>AsiArch:Offline</c> and changed by <paramref name="configure"/>. The registered experiment store (when any)
    /// feeds its bandit and repeat avoidance.
    /// </summary>
    public static AsiArchBuilder UseEvolutionaryResearcher(this AsiArchBuilder builder, Action<EvolutionaryResearcherOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddOptions<EvolutionaryResearcherOptions>("Offline");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.Replace(ServiceDescriptor.Singleton(sp => new EvolutionaryResearcher(
            sp.GetRequiredService<IOptions<EvolutionaryResearcherOptions>>().Value,
            sp.GetService<IExperimentStore>(),
            sp.GetService<ILogger<EvolutionaryResearcher>>())));
        return builder.UseResearcher(sp => sp.GetRequiredService<EvolutionaryResearcher>());
    }

    /// <summary>Uses <see cref="StatisticalAnalyst"/> as the analyst, with <see cref="StatisticalAnalystOptions"/> bound from <c>AsiArch:Analyst</c>.</summary>
    public static AsiArchBuilder UseStatisticalAnalyst(this AsiArchBuilder builder, Action<StatisticalAnalystOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddOptions<StatisticalAnalystOptions>("Analyst");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.Replace(ServiceDescriptor.Singleton(sp => new StatisticalAnalyst(
            sp.GetRequiredService<IOptions<StatisticalAnalystOptions>>().Value,
            sp.GetService<TimeProvider>())));
        return builder.UseAnalyst(sp => sp.GetRequiredService<StatisticalAnalyst>());
    }

    /// <summary>Uses <see cref="MetricQualityJudge"/> as the quality judge.</summary>
    public static AsiArchBuilder UseMetricQualityJudge(this AsiArchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseQualityJudge(new MetricQualityJudge());
    }

    /// <summary>
    /// The whole offline set: <see cref="UseEvolutionaryResearcher"/>, <see cref="UseStatisticalAnalyst"/>,
    /// <see cref="UseMetricQualityJudge"/> and the SQLite cognition store
    /// (<see cref="CognitionAsiArchBuilderExtensions.UseSqliteCognitionStore(AsiArchBuilder, Action{SqliteCognitionStoreOptions}?)"/>).
    /// </summary>
    public static AsiArchBuilder UseOfflineAgents(this AsiArchBuilder builder, Action<EvolutionaryResearcherOptions>? configure = null) =>
        builder.UseEvolutionaryResearcher(configure).UseStatisticalAnalyst().UseMetricQualityJudge().UseSqliteCognitionStore();
}
