using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.Providers;

/// <summary><see cref="AsiArchBuilder"/> extensions that pick the LLM provider from configuration.</summary>
public static class ProviderAsiArchBuilderExtensions
{
    /// <summary>True when <c>AsiArch:Llm:Provider</c> is set in <paramref name="configuration"/>.</summary>
    public static bool IsLlmConfigured(IConfiguration? configuration) =>
        !string.IsNullOrWhiteSpace(configuration?[LlmOptions.SectionName + ":Provider"]);

    /// <summary>
    /// When <c>AsiArch:Llm:Provider</c> is set: registers the provider's chat clients (the default model and one keyed
    /// client per role) and uses the LLM agents (<see cref="LlmAsiArchBuilderExtensions.UseChatClientAgents"/>).
    /// Otherwise changes nothing, so the roles registered before (e.g. the offline agents) stay. The CLI's
    /// <c>run</c> calls this after registering the offline defaults.
    /// </summary>
    /// <param name="builder">The builder (its configuration is read).</param>
    /// <param name="environment">Environment reader for the API key (tests); default the process environment.</param>
    /// <exception cref="InvalidOperationException">The provider is set but the model, endpoint or key is missing.</exception>
    public static AsiArchBuilder UseLlmAgentsFromConfiguration(this AsiArchBuilder builder, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsLlmConfigured(builder.Configuration))
        {
            return builder;
        }

        var options = new LlmOptions();
        builder.Configuration!.GetSection(LlmOptions.SectionName).Bind(options);
        RegisterClients(builder.Services, options, environment);
        return builder.UseChatClientAgents();
    }

    internal static void RegisterClients(IServiceCollection services, LlmOptions options, Func<string, string?>? environment)
    {
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
    }
}
