using System.ClientModel.Primitives;

namespace AsiArch.Sdk.Providers;

/// <summary>Adds the <c>api-key</c> header Azure OpenAI expects to every request.</summary>
internal sealed class ApiKeyHeaderPolicy(string key) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set("api-key", key);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set("api-key", key);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
