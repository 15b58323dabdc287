using AsiArch.Sdk.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.Providers;

/// <summary>Registers provider chat clients and the LLM agents from configuration (<c>AsiArch:Llm</c>).</summary>
public static class ProviderServiceCollectionExtensions
{
    /// <summary>
    /// When <c>AsiArch:Llm:Provider</c> is set: registers the default <see cref="IChatClient"/> (model
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

        // Fail at composition time with a clear message (missing key, model, endpoint), not at the first call.
        var clients = new Dictionary<string, IChatClient>(StringComparer.Ordinal);
        IChatClient ClientFor(string model)
        {
            if (!clients.TryGetValue(model, out var client))
            {
                client = ChatClientFactory.Create(options, model, environment);
                clients[model] = client;
            }

            return client;
        }

        var defaultModel = options.Model ?? throw new InvalidOperationException($"{LlmOptions.SectionName}:Model is not set.");
        services.AddChatClient(ClientFor(defaultModel));
        foreach (var role in LlmRoles.All)
        {
            services.AddKeyedChatClient(role, ClientFor(options.ModelFor(role)!));
        }

        services.AddChatClientAgents(configuration);
        return true;
    }
}
