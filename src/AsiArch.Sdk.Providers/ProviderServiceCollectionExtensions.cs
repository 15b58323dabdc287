using AsiArch.Sdk.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.Providers;

/// <summary>Registers provider chat clients and the LLM agents from configuration (<c>AsiArch:Llm</c>).</summary>
public static class ProviderServiceCollectionExtensions
{
    /// <summary>
    /// When <c>AsiArch:Llm:Provider</c> is set: registers the default <c>IChatClient</c> (model
    /// <c>AsiArch:Llm:Model</c>) and one keyed client per role (<c>AsiArch:Llm:Roles:&lt;role&gt;:Model</c>, else the
    /// default model; one client per distinct model), then the LLM agents for every LLM role
    /// (<see cref="LlmServiceCollectionExtensions.AddChatClientAgents"/>). Returns false and registers nothing when no
    /// provider is configured, so the caller keeps the offline agents.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="environment">Environment reader for the API key (tests); default the process environment.</param>
    public static bool TryAddLlmAgentsFromConfiguration(this IServiceCollection services, IConfiguration configuration, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LlmOptions();
        configuration.GetSection(LlmOptions.SectionName).Bind(options);
        if (options.Provider is null)
        {
            return false;
        }

        ProviderAsiArchBuilderExtensions.RegisterClients(services, options, environment);
        services.AddChatClientAgents(configuration);
        return true;
    }
}
