using AsiArch.Sdk;
using AsiArch.Sdk.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Cli.Inspection;

/// <summary>Builds the LLM cognition extractor from configuration, when an LLM provider is configured.</summary>
public static class CognitionExtractors
{
    /// <summary>
    /// Reads <c>asiarch.json</c> in the working folder (optional) and the environment (<c>AsiArch__Llm__Provider</c>,
    /// <c>AsiArch__Llm__Model</c>, the provider's API key variable); returns null when no provider is set.
    /// </summary>
    /// <exception cref="CliCommandException">A provider is set but incomplete (no model, no key).</exception>
    public static ICognitionExtractor? FromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "asiarch.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        try
        {
            if (!services.TryAddLlmAgentsFromConfiguration(configuration))
            {
                return null;
            }

            return services.BuildServiceProvider().GetRequiredService<ICognitionExtractor>();
        }
        catch (InvalidOperationException ex)
        {
            throw new CliCommandException($"The LLM configuration (AsiArch:Llm) is incomplete: {ex.Message}", ex);
        }
    }
}
