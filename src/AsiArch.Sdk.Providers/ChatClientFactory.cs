using System.ClientModel;
using System.ClientModel.Primitives;
using AsiArch.Sdk.Llm;
using Anthropic;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace AsiArch.Sdk.Providers;

/// <summary>
/// Creates the <see cref="IChatClient"/> of a provider from <see cref="LlmOptions"/>. The API key is read from the
/// environment variable named by <see cref="LlmOptions.ApiKeyVariable"/> (or the provider's usual variable); it is
/// never taken from configuration files and never logged.
/// </summary>
public static class ChatClientFactory
{
    /// <summary>The environment variable read when <see cref="LlmOptions.ApiKeyVariable"/> is not set.</summary>
    public static string DefaultKeyVariable(LlmProvider provider) => provider switch
    {
        LlmProvider.OpenAI => "OPENAI_API_KEY",
        LlmProvider.AzureOpenAI => "AZURE_OPENAI_API_KEY",
        LlmProvider.Anthropic => "ANTHROPIC_API_KEY",
        _ => "",
    };

    /// <summary>Creates a client for <paramref name="model"/> (default: <see cref="LlmOptions.Model"/>).</summary>
    /// <param name="options">Provider, endpoint, model and key variable.</param>
    /// <param name="model">Model id (deployment name on Azure).</param>
    /// <param name="environment">Reads environment variables (tests inject one); default the process environment.</param>
    /// <exception cref="InvalidOperationException">No provider, no model, a missing key or a bad endpoint; the message says which setting.</exception>
    public static IChatClient Create(LlmOptions options, string? model = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = options.Provider ?? throw new InvalidOperationException(
            $"{LlmOptions.SectionName}:Provider is not set; choose one of {string.Join(", ", Enum.GetNames<LlmProvider>())}.");
        model ??= options.Model;
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new InvalidOperationException($"{LlmOptions.SectionName}:Model is not set (the model id{(provider == LlmProvider.AzureOpenAI ? ", i.e. the deployment name" : "")}).");
        }

        environment ??= Environment.GetEnvironmentVariable;
        var endpoint = ParseEndpoint(options.Endpoint);
        return provider switch
        {
            LlmProvider.OpenAI => CreateOpenAI(model, endpoint, Key(options, provider, environment, optional: endpoint is not null) ?? "unused"),
            LlmProvider.AzureOpenAI => CreateAzure(model, endpoint, Key(options, provider, environment, optional: false)!),
            LlmProvider.Ollama => new OllamaApiClient(endpoint ?? new Uri("http://localhost:11434"), model),
            LlmProvider.Anthropic => CreateAnthropic(model, endpoint, Key(options, provider, environment, optional: false)!),
            _ => throw new InvalidOperationException($"Unknown provider {provider}."),
        };
    }

    private static IChatClient CreateOpenAI(string model, Uri? endpoint, string key)
    {
        var clientOptions = new OpenAIClientOptions();
        if (endpoint is not null)
        {
            clientOptions.Endpoint = endpoint;
        }

        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(model).AsIChatClient();
    }

    private static IChatClient CreateAzure(string model, Uri? endpoint, string key)
    {
        if (endpoint is null)
        {
            throw new InvalidOperationException($"{LlmOptions.SectionName}:Endpoint is required for Azure OpenAI (https://<resource>.openai.azure.com/).");
        }

        // The Azure OpenAI v1 API is OpenAI-compatible under /openai/v1/ and takes the key in the api-key header.
        var url = endpoint.AbsoluteUri.TrimEnd('/');
        if (!url.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
        {
            url += "/openai/v1";
        }

        var clientOptions = new OpenAIClientOptions { Endpoint = new Uri(url + "/") };
        clientOptions.AddPolicy(new ApiKeyHeaderPolicy(key), PipelinePosition.PerCall);
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(model).AsIChatClient();
    }

    private static IChatClient CreateAnthropic(string model, Uri? endpoint, string key)
    {
        var client = endpoint is null
            ? new AnthropicClient { ApiKey = key }
            : new AnthropicClient { ApiKey = key, BaseUrl = endpoint.AbsoluteUri.TrimEnd('/') };
        return client.AsIChatClient(model);
    }

    private static string? Key(LlmOptions options, LlmProvider provider, Func<string, string?> environment, bool optional)
    {
        var variable = string.IsNullOrWhiteSpace(options.ApiKeyVariable) ? DefaultKeyVariable(provider) : options.ApiKeyVariable;
        var key = environment(variable);
        if (!string.IsNullOrWhiteSpace(key))
        {
            return key;
        }

        // An OpenAI-compatible local server usually needs no key, unless the user named a variable explicitly.
        if (optional && string.IsNullOrWhiteSpace(options.ApiKeyVariable))
        {
            return null;
        }

        throw new InvalidOperationException(
            $"The API key for {provider} is missing: the environment variable '{variable}' (named by {LlmOptions.SectionName}:ApiKeyVariable) is not set or empty.");
    }

    private static Uri? ParseEndpoint(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{LlmOptions.SectionName}:Endpoint '{endpoint}' is not an absolute http(s) URI.");
    }
}
