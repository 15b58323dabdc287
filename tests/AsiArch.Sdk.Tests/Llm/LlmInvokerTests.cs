using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Llm.Usage;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Llm;

public sealed class LlmInvokerTests
{
    [Fact]
    public async Task AskAsync_EveryAttempt_IsPersistedWithUsageAndHash()
    {
        var client = new ScriptedChatClient().EnqueueText("nope").EnqueueText(LlmTestKit.Json(new { performance = 5, innovation = 5, complexity = 5, reason = "ok" }));
        var store = new InMemoryInteractionStore();

        await new ChatClientQualityJudge(LlmTestKit.Invoker(client, store)).JudgeAsync(new JudgeRequest { Experiment = LlmTestKit.Record(3) });

        Assert.Equal(["judge", "judge#2"], store.Interactions.Select(i => i.Step));
        Assert.All(store.Interactions, i =>
        {
            Assert.Equal(LlmRoles.Judge, i.Role);
            Assert.Equal(3, i.ExperimentIndex);
            Assert.Equal(64, i.RequestHash.Length);
            Assert.Equal("scripted-model", i.Model);
            Assert.Equal(100, i.Usage.InputTokens);
            Assert.Contains("\"messages\"", i.Request, StringComparison.Ordinal);
        });
        Assert.Equal("nope", store.Interactions[0].Response);
        Assert.NotEqual(store.Interactions[0].RequestHash, store.Interactions[1].RequestHash);
    }

    [Fact]
    public async Task AskAsync_ResponseCacheOn_ReplaysARecordedRunWithoutCallingTheModel()
    {
        var store = new InMemoryInteractionStore();
        var first = new ScriptedChatClient().EnqueueText(LlmTestKit.ProposalJson());
        var original = await new ChatClientResearcher(LlmTestKit.Invoker(first, store, o => o.UseResponseCache = true)).ProposeAsync(new ResearchContext { ExperimentIndex = 1 });

        var replayClient = new ScriptedChatClient();
        var replayInvoker = LlmTestKit.Invoker(replayClient, store, o => o.UseResponseCache = true);
        var replay = await new ChatClientResearcher(replayInvoker).ProposeAsync(new ResearchContext { ExperimentIndex = 1 });

        Assert.Equal(original.Source.Code, replay.Source.Code);
        Assert.Empty(replayClient.Requests);
        Assert.Equal(TokenUsage.Zero, replay.Usage);
        Assert.Single(store.Interactions);
    }

    [Fact]
    public async Task AskAsync_CacheOff_CallsTheModelAgain()
    {
        var store = new InMemoryInteractionStore();
        var client = new ScriptedChatClient().EnqueueText(LlmTestKit.ProposalJson()).EnqueueText(LlmTestKit.ProposalJson());
        var researcher = new ChatClientResearcher(LlmTestKit.Invoker(client, store));

        await researcher.ProposeAsync(new ResearchContext());
        await researcher.ProposeAsync(new ResearchContext());

        Assert.Equal(2, client.Requests.Count);
        Assert.Equal(0, store.FindCalls);
    }

    [Fact]
    public async Task AskAsync_PriceTable_CostsEachCallPerRoleAndExperiment()
    {
        var client = new ScriptedChatClient { InputTokensPerCall = 1_000_000, OutputTokensPerCall = 500_000 }
            .EnqueueText(LlmTestKit.Json(new { performance = 5, innovation = 5, complexity = 5, reason = "ok" }));
        var invoker = LlmTestKit.Invoker(client, configure: o => o.Prices["scripted-model"] = new LlmPrice { InputPerMillion = 2m, OutputPerMillion = 8m });

        var judgement = await new ChatClientQualityJudge(invoker).JudgeAsync(new JudgeRequest { Experiment = LlmTestKit.Record(3) });

        Assert.Equal(6m, judgement.Usage.Cost);
        Assert.Equal(6m, invoker.Usage.ForRole(LlmRoles.Judge).Cost);
        Assert.Equal(1_500_000, invoker.Usage.ForExperiment(3).TotalTokens);
        Assert.Equal(TokenUsage.Zero, invoker.Usage.ForExperiment(4));
        Assert.Equal(1, invoker.Usage.Calls);
    }

    [Fact]
    public async Task AskAsync_MoneyBudget_ExhaustsAndSurvivesARestart()
    {
        var store = new InMemoryInteractionStore();
        void Configure(LlmOptions o)
        {
            o.Prices["scripted-model"] = new LlmPrice { InputPerMillion = 10_000m, OutputPerMillion = 10_000m };
            o.Budget.MaxCost = 2m;
        }

        var client = new ScriptedChatClient().EnqueueText(LlmTestKit.Json(new { performance = 5, innovation = 5, complexity = 5, reason = "ok" }));
        var invoker = LlmTestKit.Invoker(client, store, Configure);
        await new ChatClientQualityJudge(invoker).JudgeAsync(new JudgeRequest { Experiment = LlmTestKit.Record(3) });
        Assert.False(invoker.Usage.IsExhausted);
        Assert.Equal(1.5m, invoker.Usage.Spent.Cost);

        // A restarted process restores the run's spending from the store on its first call.
        var restartedClient = new ScriptedChatClient().EnqueueText(LlmTestKit.Json(new { performance = 5, innovation = 5, complexity = 5, reason = "ok" }));
        var restarted = LlmTestKit.Invoker(restartedClient, store, Configure);
        await new ChatClientQualityJudge(restarted).JudgeAsync(new JudgeRequest { Experiment = LlmTestKit.Record(4) });

        Assert.Equal(3.0m, restarted.Usage.Spent.Cost);
        Assert.True(restarted.Usage.IsExhausted);
        Assert.Contains("cost budget", restarted.Usage.ExhaustedReason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ModelCallException>(() => new ChatClientResearcher(restarted).ProposeAsync(new ResearchContext()));
    }

    [Fact]
    public async Task AskAsync_PerRoleClientAndModel_AreUsed()
    {
        var main = new ScriptedChatClient("main").EnqueueText(LlmTestKit.ProposalJson());
        var judgeClient = new ScriptedChatClient("judge-model").EnqueueText(LlmTestKit.Json(new { performance = 5, innovation = 5, complexity = 5, reason = "ok" }));
        var options = new LlmOptions { Model = "big" };
        options.Roles[LlmRoles.Judge] = new LlmRoleOptions { Model = "small", Temperature = 0.2 };
        var invoker = new LlmInvoker(new LlmClientSet(main, new Dictionary<string, Microsoft.Extensions.AI.IChatClient> { [LlmRoles.Judge] = judgeClient }), options);

        await new ChatClientResearcher(invoker).ProposeAsync(new ResearchContext());
        await new ChatClientQualityJudge(invoker).JudgeAsync(new JudgeRequest { Experiment = LlmTestKit.Record(1) });

        Assert.Equal("big", main.Requests.Single().Options!.ModelId);
        Assert.Equal("small", judgeClient.Requests.Single().Options!.ModelId);
        Assert.Equal(0.2f, judgeClient.Requests.Single().Options!.Temperature);
    }

    [Fact]
    public void UsageTracker_TokenBudget_ReportsExhaustion()
    {
        var tracker = new LlmUsageTracker(new LlmOptions { Budget = new LlmBudgetOptions { MaxTokens = 1000 } });
        ILlmBudget budget = tracker;

        tracker.Record(LlmRoles.Researcher, null, new TokenUsage { InputTokens = 600, OutputTokens = 300 });
        Assert.False(budget.IsExhausted);
        tracker.Record(LlmRoles.Analyst, 2, new TokenUsage { InputTokens = 50, OutputTokens = 50 });

        Assert.True(budget.IsExhausted);
        Assert.Contains("1000 of 1000 tokens", budget.ExhaustedReason, StringComparison.Ordinal);
        var ex = Assert.Throws<ModelCallException>(tracker.EnsureCanStartProposal);
        Assert.Equal(FailureKind.BudgetExceeded, ex.Failure.Kind);
    }
}
