using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Llm.Usage;
using AsiArch.Sdk.Testing.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Tests.Llm;

public sealed class LlmCompositionTests
{
    [Fact]
    public async Task UseChatClientAgents_KeyedRoleClient_UsedForItsRoleOthersFallBackToDefault()
    {
        var defaultClient = new ScriptedChatClient("default").EnqueueText(LlmTestKit.ProposalJson());
        var judgeClient = new ScriptedChatClient("judge").EnqueueText(LlmTestKit.Json(new { performance = 5, innovation = 5, complexity = 5, reason = "ok" }));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Llm:Model"] = "big-model",
            ["AsiArch:Llm:Roles:judge:Model"] = "small-model",
            ["AsiArch:Llm:Budget:MaxTokens"] = "100000",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatClient(defaultClient);
        services.AddKeyedChatClient(LlmRoles.Judge, judgeClient);
        services.AddAsiArch(configuration).UseChatClientAgents();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IResearcher>().ProposeAsync(new ResearchContext());
        await provider.GetRequiredService<IQualityJudge>().JudgeAsync(new JudgeRequest { Experiment = LlmTestKit.Record(1) });

        Assert.Equal("big-model", defaultClient.Requests.Single().Options!.ModelId);
        Assert.Equal("small-model", judgeClient.Requests.Single().Options!.ModelId);
        Assert.IsType<ChatClientCodeRepairer>(provider.GetRequiredService<ICodeRepairer>());
        Assert.IsType<ChatClientAnalyst>(provider.GetRequiredService<IAnalyst>());
        Assert.IsType<ChatClientCognitionExtractor>(provider.GetRequiredService<ICognitionExtractor>());
        var budget = provider.GetRequiredService<ILlmBudget>();
        Assert.Equal(300, budget.Spent.TotalTokens);
        Assert.Same(provider.GetRequiredService<LlmUsageTracker>(), budget);
    }

    [Fact]
    public async Task UseChatClientAgents_NoChatClientRegistered_FailsWithAClearMessage()
    {
        var services = new ServiceCollection();
        services.AddAsiArch().UseChatClientAgents();
        await using var provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetRequiredService<IResearcher>().ProposeAsync(new ResearchContext()));

        Assert.Contains("No chat client for the 'researcher' role", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AsiArch:Llm:ApiKeyVariable", "sk-proj-abc123", "environment variable name")]
    [InlineData("AsiArch:Llm:MaxAttempts", "0", "MaxAttempts")]
    public async Task UseChatClientAgents_InvalidOptions_RejectedAtStart(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection();
        services.AddAsiArch(configuration).UseChatClientAgents();
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-proj-abc123", ex.Message, StringComparison.Ordinal);
    }
}
