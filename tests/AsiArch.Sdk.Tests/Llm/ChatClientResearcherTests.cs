using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Llm;

public sealed class ChatClientResearcherTests
{
    [Fact]
    public async Task ProposeAsync_ParentAndReferences_SummarizesEachThenPlans()
    {
        var client = new ScriptedChatClient()
            .EnqueueText(LlmTestKit.BriefingJson("Parent briefing: recall saturates."))
            .EnqueueText(LlmTestKit.BriefingJson("Reference briefing A."))
            .EnqueueText(LlmTestKit.BriefingJson("Reference briefing B."))
            .EnqueueText(LlmTestKit.ProposalJson());
        var store = new InMemoryInteractionStore();
        var researcher = new ChatClientResearcher(LlmTestKit.Invoker(client, store));
        var parent = LlmTestKit.Record(1, "DeltaNet");
        var context = new ResearchContext
        {
            ExperimentIndex = 7,
            Parent = parent,
            References = [LlmTestKit.Record(2, "RetNet"), LlmTestKit.Record(3, "Gla")],
            Cognition = [new CognitionHit { Entry = new CognitionEntry { Id = "deltanet-1", TriggerPatterns = "poor recall", DesignInsight = "Use the delta rule." } }],
        };

        var proposal = await researcher.ProposeAsync(context);

        Assert.Equal("GatedRecallMixer", proposal.Name);
        Assert.Contains("public sealed class GatedRecallMixer", proposal.Source.Code, StringComparison.Ordinal);
        Assert.Equal(4, client.Requests.Count);
        Assert.Contains("\"DeltaNet\"", client.Requests[0].UserText, StringComparison.Ordinal);
        var plan = client.Requests[3];
        Assert.Contains("Parent briefing: recall saturates.", plan.UserText, StringComparison.Ordinal);
        Assert.Contains("Reference briefing B.", plan.UserText, StringComparison.Ordinal);
        Assert.Contains("public sealed class DeltaNet", plan.UserText, StringComparison.Ordinal);
        Assert.Contains("Use the delta rule.", plan.UserText, StringComparison.Ordinal);
        Assert.Contains("functional.elu(x, 1.0)", plan.SystemText, StringComparison.Ordinal);
        Assert.Contains("hasBias: false", plan.SystemText, StringComparison.Ordinal);
        Assert.Contains("using static TorchSharp.torch;", plan.SystemText, StringComparison.Ordinal);
        Assert.Contains("RegisterComponents()", plan.SystemText, StringComparison.Ordinal);
        Assert.Equal(400, proposal.Usage.InputTokens);
        Assert.Equal(200, proposal.Usage.OutputTokens);
        Assert.Equal(["summarize-1", "summarize-2", "summarize-3", "plan"], store.Interactions.Select(i => i.Step));
        Assert.All(store.Interactions, i => Assert.Equal(7, i.ExperimentIndex));
        Assert.Equal("planner", proposal.AdditionalProperties!["llm.prompt"]);
    }

    [Fact]
    public async Task ProposeAsync_SendsTheProposalJsonSchema()
    {
        var client = new ScriptedChatClient().EnqueueText(LlmTestKit.ProposalJson());
        await new ChatClientResearcher(LlmTestKit.Invoker(client)).ProposeAsync(new ResearchContext());

        var format = Assert.IsType<Microsoft.Extensions.AI.ChatResponseFormatJson>(client.Requests[0].Options!.ResponseFormat);
        Assert.Equal("proposal", format.SchemaName);
        Assert.Contains("\"source\"", format.Schema!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("test-model", client.Requests[0].Options!.ModelId);
    }

    [Fact]
    public async Task ProposeAsync_RejectedProposals_UsesTheDeduplicatorAndReusesBriefings()
    {
        var client = new ScriptedChatClient()
            .EnqueueText(LlmTestKit.BriefingJson())
            .EnqueueText(LlmTestKit.ProposalJson("GatedDelta"))
            .EnqueueText(LlmTestKit.ProposalJson("WaveletMixer", "Multi-scale wavelet memory, orthogonal to gating."));
        var researcher = new ChatClientResearcher(LlmTestKit.Invoker(client));
        var context = new ResearchContext { Parent = LlmTestKit.Record(1) };
        var first = await researcher.ProposeAsync(context);

        var second = await researcher.ProposeAsync(context with
        {
            Rejected = [new RejectedProposal { Proposal = first, Verdict = new NoveltyVerdict { IsDuplicate = true, SimilarTo = [4], Reason = "Same gate as #4." } }],
        });

        Assert.Equal("WaveletMixer", second.Name);
        Assert.Equal(3, client.Requests.Count);
        var dedup = client.Requests[2];
        Assert.Contains("ORTHOGONAL", dedup.SystemText, StringComparison.Ordinal);
        Assert.Contains("Same gate as #4.", dedup.UserText, StringComparison.Ordinal);
        Assert.Contains("Gate the recall path", dedup.UserText, StringComparison.Ordinal);
        Assert.Equal("deduplicator", second.AdditionalProperties!["llm.prompt"]);
    }

    [Fact]
    public async Task CheckNoveltyAsync_NoSimilarExperiments_NovelWithoutACall()
    {
        var client = new ScriptedChatClient();
        var verdict = await new ChatClientResearcher(LlmTestKit.Invoker(client)).CheckNoveltyAsync(Proposal(), []);

        Assert.False(verdict.IsDuplicate);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public async Task CheckNoveltyAsync_Duplicate_ReturnsTheVerdictOverTopFive()
    {
        var client = new ScriptedChatClient().EnqueueText(LlmTestKit.Json(new { isDuplicate = true, similarTo = new[] { 3 }, reason = "Same gate." }));
        var similar = Enumerable.Range(1, 7).Select(i => LlmTestKit.Record(i, $"Design{i}", $"Motivation {i}")).ToList();

        var verdict = await new ChatClientResearcher(LlmTestKit.Invoker(client)).CheckNoveltyAsync(Proposal(), similar);

        Assert.True(verdict.IsDuplicate);
        Assert.Equal([3L], verdict.SimilarTo);
        Assert.Equal("Same gate.", verdict.Reason);
        Assert.Contains("Motivation 5", client.Requests[0].UserText, StringComparison.Ordinal);
        Assert.DoesNotContain("Motivation 6", client.Requests[0].UserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckNoveltyAsync_UnknownIndex_RetriesWithTheError()
    {
        var client = new ScriptedChatClient()
            .EnqueueText(LlmTestKit.Json(new { is_repeated = true, repeated_index = new[] { 99 }, judgement_reason = "x" }))
            .EnqueueText(LlmTestKit.Json(new { isDuplicate = false, similarTo = Array.Empty<int>(), reason = "Different mechanism." }));

        var verdict = await new ChatClientResearcher(LlmTestKit.Invoker(client)).CheckNoveltyAsync(Proposal(), [LlmTestKit.Record(1)]);

        Assert.False(verdict.IsDuplicate);
        Assert.Contains("99", client.Requests[1].LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposeAsync_BudgetSpent_ThrowsBudgetExceededWithoutCalling()
    {
        var client = new ScriptedChatClient();
        var invoker = LlmTestKit.Invoker(client, configure: o => o.Budget.MaxTokens = 100);
        invoker.Usage.Record(LlmRoles.Analyst, 1, new TokenUsage { InputTokens = 80, OutputTokens = 30 });

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => new ChatClientResearcher(invoker).ProposeAsync(new ResearchContext()));

        Assert.Equal(FailureKind.BudgetExceeded, ex.Failure.Kind);
        Assert.True(invoker.Usage.IsExhausted);
        Assert.Empty(client.Requests);
    }

    private static Proposal Proposal() => new() { Name = "GatedRecallMixer", Motivation = "Gate the recall path.", Source = new CandidateSource(LlmTestKit.Source()) };
}
