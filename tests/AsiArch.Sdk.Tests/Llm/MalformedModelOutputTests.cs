using System.Net;
using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Testing.Fakes;
using Microsoft.Extensions.AI;

namespace AsiArch.Sdk.Tests.Llm;

/// <summary>Every kind of bad model output ends in a retry that shows the model its error, or a typed failure.</summary>
public sealed class MalformedModelOutputTests
{
    public static TheoryData<string, string> BadProposals => new()
    {
        { "", "empty" },
        { "I would add a gate to the delta rule to improve recall.", "no JSON object" },
        { "I'm sorry, but I can't help with designing that.", "refusal" },
        { "{\"name\": \"X\", \"motivation\": \"m\", \"source\": \"public sealed class X : nn.Mod", "incomplete" },
        { LlmTestKit.Json(new { name = "X", motivation = "m" }), "\"source\" is missing" },
        { LlmTestKit.Json(new { name = "X", motivation = "m", source = "public class X : Module { }" }), "public sealed" },
        { LlmTestKit.Json(new { name = "X", motivation = 42, source = LlmTestKit.Source() }), "must be a string" },
        { LlmTestKit.Json(new[] { "not", "an", "object" }), "no JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadProposals))]
    public async Task ProposeAsync_BadAnswerThenGood_RetriesWithTheError(string bad, string expectedError)
    {
        var client = new ScriptedChatClient().EnqueueText(bad).EnqueueText(LlmTestKit.ProposalJson());

        var proposal = await new ChatClientResearcher(LlmTestKit.Invoker(client)).ProposeAsync(new ResearchContext());

        Assert.Equal("GatedRecallMixer", proposal.Name);
        Assert.Equal(2, client.Requests.Count);
        Assert.Contains(expectedError, client.Requests[1].LastText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ChatRole.Assistant, client.Requests[1].Messages[^2].Role);
    }

    [Fact]
    public async Task ProposeAsync_FiveMegabyteAnswer_RefusedWithoutParsingAndStoredClipped()
    {
        var huge = "{\"name\": \"X\", \"motivation\": \"" + new string('a', 5 * 1024 * 1024) + "\"}";
        var client = new ScriptedChatClient().EnqueueText(huge).EnqueueText(LlmTestKit.ProposalJson());
        var store = new InMemoryInteractionStore();

        var proposal = await new ChatClientResearcher(LlmTestKit.Invoker(client, store)).ProposeAsync(new ResearchContext());

        Assert.Equal("GatedRecallMixer", proposal.Name);
        Assert.Contains("too long", client.Requests[1].LastText, StringComparison.Ordinal);
        Assert.True(client.Requests[1].Messages[^2].Text.Length < 10_000);
        Assert.True(store.Interactions[0].Response.Length < 300_000);
    }

    [Fact]
    public async Task ProposeAsync_TruncatedAtTokenLimit_SaysSo()
    {
        var client = new ScriptedChatClient()
            .EnqueueText("{\"name\": \"X\", \"source\": \"public sealed", ChatFinishReason.Length)
            .EnqueueText(LlmTestKit.ProposalJson());

        await new ChatClientResearcher(LlmTestKit.Invoker(client)).ProposeAsync(new ResearchContext());

        Assert.Contains("cut off", client.Requests[1].LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposeAsync_SourceInCodeFenceBesideJson_IsAccepted()
    {
        var text = "{\"name\": \"GatedRecallMixer\", \"motivation\": \"Gate it.\"}\n\n```csharp\n" + LlmTestKit.Source() + "\n```";
        var client = new ScriptedChatClient().EnqueueText(text);

        var proposal = await new ChatClientResearcher(LlmTestKit.Invoker(client)).ProposeAsync(new ResearchContext());

        Assert.Contains("public sealed class GatedRecallMixer", proposal.Source.Code, StringComparison.Ordinal);
        Assert.Single(client.Requests);
    }

    [Fact]
    public async Task ProposeAsync_AlwaysMalformed_FailsTypedAfterMaxAttempts()
    {
        var client = new ScriptedChatClient(responder: _ => "no json here");

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => new ChatClientResearcher(LlmTestKit.Invoker(client)).ProposeAsync(new ResearchContext()));

        Assert.Equal(FailureKind.InvalidModelOutput, ex.Failure.Kind);
        Assert.Equal(3, client.Requests.Count);
        Assert.Equal(3, ex.Failure.Diagnostics.Count);
        Assert.Equal(LlmRoles.Researcher, ex.Role);
        Assert.Equal(300, ex.Usage.InputTokens);
    }

    [Fact]
    public async Task ProposeAsync_ProviderErrorThenAnswer_Retries()
    {
        var client = new ScriptedChatClient()
            .EnqueueException(new HttpRequestException("Service Unavailable", null, HttpStatusCode.ServiceUnavailable))
            .EnqueueText(LlmTestKit.ProposalJson());
        var store = new InMemoryInteractionStore();

        var proposal = await new ChatClientResearcher(LlmTestKit.Invoker(client, store)).ProposeAsync(new ResearchContext());

        Assert.Equal("GatedRecallMixer", proposal.Name);
        Assert.Single(store.Interactions);
        Assert.Equal("plan#2", store.Interactions[0].Step);
    }

    [Fact]
    public async Task ProposeAsync_ProviderAlwaysFails_FailsTypedWithTheProviderMessage()
    {
        var client = new ScriptedChatClient();
        for (var i = 0; i < 3; i++)
        {
            client.EnqueueException(new HttpRequestException("429 Too Many Requests"));
        }

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => new ChatClientResearcher(LlmTestKit.Invoker(client)).ProposeAsync(new ResearchContext()));

        Assert.Equal(FailureKind.InvalidModelOutput, ex.Failure.Kind);
        Assert.Contains("429 Too Many Requests", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposeAsync_ProviderHangs_TimesOutTyped()
    {
        var client = new ScriptedChatClient().EnqueueHang().EnqueueHang();
        var invoker = LlmTestKit.Invoker(client, configure: o => { o.CallTimeout = TimeSpan.FromMilliseconds(50); o.MaxAttempts = 2; });

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => new ChatClientResearcher(invoker).ProposeAsync(new ResearchContext()));

        Assert.Equal(FailureKind.Timeout, ex.Failure.Kind);
        Assert.Equal(2, client.Requests.Count);
    }

    [Fact]
    public async Task ProposeAsync_CallerCancels_NotRetried()
    {
        var client = new ScriptedChatClient().EnqueueHang().EnqueueText(LlmTestKit.ProposalJson());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ChatClientResearcher(LlmTestKit.Invoker(client)).ProposeAsync(new ResearchContext(), cts.Token));

        Assert.Single(client.Requests);
    }

    [Fact]
    public async Task JudgeAsync_WrongTypes_RetriesThenClamps()
    {
        var client = new ScriptedChatClient()
            .EnqueueText(LlmTestKit.Json(new { performance = "high", innovation = 6, complexity = 7, reason = "r" }))
            .EnqueueText(LlmTestKit.Json(new { performance = 14, innovation = -3, complexity = "7", reason = "Linear cost." }));

        var judgement = await new ChatClientQualityJudge(LlmTestKit.Invoker(client)).JudgeAsync(new JudgeRequest { Experiment = LlmTestKit.Record(5) });

        Assert.Contains("\"performance\" must be a number", client.Requests[1].LastText, StringComparison.Ordinal);
        Assert.Equal(10, judgement.Performance);
        Assert.Equal(1, judgement.Innovation);
        Assert.Equal(7, judgement.Complexity);
        Assert.Equal("Linear cost.", judgement.Reason);
        Assert.Equal(200, judgement.Usage.InputTokens);
    }
}
