using AsiArch.Sdk.Llm.Prompts;
using AsiArch.Sdk.Llm.Usage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Llm;

/// <summary>DI registration of the LLM agents' infrastructure and the agents themselves.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LlmOptions"/> (bound from <c>AsiArch:Llm</c> when a configuration is given, validated at
    /// start), the prompt library, the usage tracker (also as <see cref="ILlmBudget"/>), the <see cref="LlmInvoker"/>
    /// and the five agents as concrete singletons. Chat clients come from DI: a keyed <c>IChatClient</c> per role
    /// (see <see cref="LlmRoles"/>), else the default one. The experiment store and the cognition store are used when registered; the repairer's
    /// compile-and-gate tool uses a registered <see cref="ICandidateChecker"/>, else <see cref="ArtifactBuilderCandidateChecker"/>. Role interfaces are not bound here; see
    /// <see cref="AddChatClientAgents"/>.
    /// </summary>
    public static IServiceCollection AddAsiArchLlm(this IServiceCollection services, IConfiguration? configuration = null, Action<LlmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LlmOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(LlmOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        AddLlmServices(services);
        return services;
    }

    /// <summary>
    /// <see cref="AddAsiArchLlm"/> plus the role bindings: <see cref="IResearcher"/>, <see cref="ICodeRepairer"/>,
    /// <see cref="IAnalyst"/> and <see cref="IQualityJudge"/> resolve to the LLM agents (replacing earlier bindings).
    /// </summary>
    public static IServiceCollection AddChatClientAgents(this IServiceCollection services, IConfiguration? configuration = null, Action<LlmOptions>? configure = null)
    {
        services.AddAsiArchLlm(configuration, configure);
        services.Replace(ServiceDescriptor.Singleton<IResearcher>(sp => sp.GetRequiredService<ChatClientResearcher>()));
        services.Replace(ServiceDescriptor.Singleton<ICodeRepairer>(sp => sp.GetRequiredService<ChatClientCodeRepairer>()));
        services.Replace(ServiceDescriptor.Singleton<IAnalyst>(sp => sp.GetRequiredService<ChatClientAnalyst>()));
        services.Replace(ServiceDescriptor.Singleton<IQualityJudge>(sp => sp.GetRequiredService<ChatClientQualityJudge>()));
        return services;
    }

    /// <summary>The LLM infrastructure and agents, without binding options (the caller binds <see cref="LlmOptions"/>).</summary>
    internal static void AddLlmServices(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new PromptLibrary(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        services.TryAddSingleton(sp => new LlmUsageTracker(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        services.TryAddSingleton<ILlmBudget>(sp => sp.GetRequiredService<LlmUsageTracker>());
        services.TryAddSingleton(sp => new LlmInvoker(
            LlmClientSet.FromServices(sp),
            sp.GetRequiredService<IOptions<LlmOptions>>().Value,
            sp.GetRequiredService<PromptLibrary>(),
            sp.GetRequiredService<LlmUsageTracker>(),
            sp.GetService<IExperimentStore>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<LlmInvoker>>()));
        services.TryAddSingleton(sp => new ChatClientResearcher(sp.GetRequiredService<LlmInvoker>(), sp.GetService<ILogger<ChatClientResearcher>>()));
        services.TryAddSingleton(sp => new ChatClientCodeRepairer(sp.GetRequiredService<LlmInvoker>(), sp.GetService<ICandidateChecker>() ?? new ArtifactBuilderCandidateChecker(), sp.GetService<ILogger<ChatClientCodeRepairer>>()));
        services.TryAddSingleton(sp => new ChatClientAnalyst(sp.GetRequiredService<LlmInvoker>(), sp.GetService<ICognitionStore>(), sp.GetService<TimeProvider>(), sp.GetService<ILogger<ChatClientAnalyst>>()));
        services.TryAddSingleton(sp => new ChatClientQualityJudge(sp.GetRequiredService<LlmInvoker>()));
        services.TryAddSingleton(sp => new ChatClientCognitionExtractor(sp.GetRequiredService<LlmInvoker>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<ICognitionExtractor>(sp => sp.GetRequiredService<ChatClientCognitionExtractor>());
    }
}
