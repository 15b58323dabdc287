using AsiArch.Sdk.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.Llm;

/// <summary><see cref="AsiArchBuilder"/> extensions for the LLM-backed agents.</summary>
public static class LlmAsiArchBuilderExtensions
{
    /// <summary>
    /// Uses the LLM agents for the researcher, code repairer, analyst and quality judge, with <see cref="LlmOptions"/>
    /// bound from <c>AsiArch:Llm</c> (validated at start) and changed by <paramref name="configure"/>. Chat clients
    /// come from DI: a keyed <c>IChatClient</c> per role (<see cref="LlmRoles"/>), else the default one
    /// (<c>services.AddChatClient(...)</c>; or use <c>UseLlmAgentsFromConfiguration()</c> of
    /// <c>AsiArch.Sdk.Providers</c>). Registers the usage tracker as <see cref="Usage.ILlmBudget"/> and the
    /// <see cref="ICognitionExtractor"/>.
    /// </summary>
    public static AsiArchBuilder UseChatClientAgents(this AsiArchBuilder builder, Action<LlmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddOptions<LlmOptions>("Llm");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        LlmServiceCollectionExtensions.AddLlmServices(builder.Services);
        return builder
            .UseResearcher(sp => sp.GetRequiredService<ChatClientResearcher>())
            .UseCodeRepairer(sp => sp.GetRequiredService<ChatClientCodeRepairer>())
            .UseAnalyst(sp => sp.GetRequiredService<ChatClientAnalyst>())
            .UseQualityJudge(sp => sp.GetRequiredService<ChatClientQualityJudge>());
    }
}
