namespace AsiArch.Sdk.Llm;

/// <summary>The model providers the configuration path knows (<c>AsiArch:Llm:Provider</c>).</summary>
public enum LlmProvider
{
    /// <summary>OpenAI, or any OpenAI-compatible endpoint (vLLM, LM Studio, llama.cpp server) via <c>Endpoint</c>.</summary>
    OpenAI,

    /// <summary>Azure OpenAI (the v1 API of a resource; <c>Model</c> is the deployment name).</summary>
    AzureOpenAI,

    /// <summary>A local or remote Ollama server.</summary>
    Ollama,

    /// <summary>Anthropic's Messages API.</summary>
    Anthropic,
}
