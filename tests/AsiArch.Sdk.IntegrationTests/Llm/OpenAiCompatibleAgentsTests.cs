using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Llm.Usage;
using AsiArch.Sdk.Providers;
using AsiArch.Sdk.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.IntegrationTests.Llm;

/// <summary>
/// The LLM agents through the real OpenAI client package against an OpenAI-compatible server on 127.0.0.1, configured
/// the way a user does it: appsettings.json names the provider, endpoint and models, the key comes from an
/// environment variable.
/// </summary>
public sealed class OpenAiCompatibleAgentsTests
{
    private const string KeyVariable = "ASIARCH_IT_LLM_KEY";
    private const string Key = "sk-local-integration-test";

    [Fact]
    public async Task Agents_TwoExperimentsThroughTheOpenAiClient_ProposeRepairAnalyzeJudgeAndPersist()
    {
        var script = new ScriptedCompletions();
        await using var server = new LocalOpenAiServer(script.Respond);
        using var dir = new TempDir();
        var settings = Path.Combine(dir.Path, "appsettings.json");
        await File.WriteAllTextAsync(settings, new JObject
        {
            ["AsiArch"] = new JObject
            {
                ["Llm"] = new JObject
                {
                    ["Provider"] = "OpenAI",
                    ["Endpoint"] = server.Endpoint,
                    ["Model"] = "local-model",
                    ["ApiKeyVariable"] = KeyVariable,
                    ["Roles"] = new JObject { ["judge"] = new JObject { ["Model"] = "local-judge" } },
                    ["Prices"] = new JObject { ["local-model"] = new JObject { ["InputPerMillion"] = 1.0, ["OutputPerMillion"] = 2.0 } },
                },
            },
        }.ToString());
        Environment.SetEnvironmentVariable(KeyVariable, Key);
        var configuration = new ConfigurationBuilder().AddJsonFile(settings).Build();
        using var store = await SqliteExperimentStore.OpenAsync(Path.Combine(dir.Path, "run.db"));
        var services = new ServiceCollection().AddLogging().AddSingleton<IExperimentStore>(store);

        Assert.True(services.TryAddLlmAgentsFromConfiguration(configuration));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var researcher = provider.GetRequiredService<IResearcher>();
        var repairer = provider.GetRequiredService<ICodeRepairer>();
        var analyst = provider.GetRequiredService<IAnalyst>();
        var judge = provider.GetRequiredService<IQualityJudge>();

        var seed = await store.CreateAsync(new ExperimentDraft { Name = "DeltaNet", Kind = ExperimentKind.Seed, Motivation = "The delta rule seed.", Program = ScriptedCompletions.Source("DeltaNet") });
        var parent = seed;
        for (var round = 1; round <= 2; round++)
        {
            var proposal = await researcher.ProposeAsync(new ResearchContext { Parent = parent, Seed = round });
            var record = await store.CreateAsync(new ExperimentDraft { Name = proposal.Name, Parent = parent.Index, Motivation = proposal.Motivation, Program = proposal.Source.Code, Costs = ExperimentCosts.None.Add(proposal.Usage) });
            var verdict = await researcher.CheckNoveltyAsync(proposal, [parent]);
            Assert.False(verdict.IsDuplicate);

            var broken = new CandidateSource(ScriptedCompletions.Source(proposal.Name, "return x.shape[-1];"));
            var repair = await repairer.RepairAsync(new RepairRequest
            {
                Proposal = proposal,
                Source = broken,
                Failure = new ExperimentFailure(FailureKind.CompileError, "Layer.cs(28,24): error CS0029: Cannot implicitly convert type 'long' to 'Tensor'"),
                ExperimentIndex = record.Index,
            });
            Assert.NotNull(repair.Source);
            Assert.Contains($"public sealed class {proposal.Name}", repair.Source!.Code, StringComparison.Ordinal);

            record = record with
            {
                Program = repair.Source.Code,
                Result = new TrainingResult { Tasks = [new TaskResult { Task = "mqar", Metrics = new Dictionary<string, double> { ["accuracy"] = 0.5 + round / 10.0 } }] },
            };
            var judgement = await judge.JudgeAsync(new JudgeRequest { Experiment = record, Neighbors = [parent] });
            var analysis = await analyst.AnalyzeAsync(new AnalysisRequest { Experiment = record, Parent = parent });
            record = await store.UpdateAsync(record with { Judgement = judgement, Analysis = analysis });
            parent = record;
        }

        // Two experiments, each: planner (+ summary of its parent), novelty, repair, judge, analysis.
        var stored = await store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Candidate] });
        Assert.Equal(["GatedDeltaVariant1", "GatedDeltaVariant2"], stored.Select(r => r.Name));
        Assert.All(stored, r =>
        {
            Assert.Equal(8, r.Judgement!.Complexity);
            Assert.Equal("Keep gating the write path.", r.Analysis!.SynthesisAndInsights);
        });
        var requests = server.Requests;
        Assert.Equal(12, requests.Count);
        Assert.All(requests, r => Assert.Equal("Bearer " + Key, r.Authorization));
        Assert.All(requests, r => Assert.Equal("json_schema", r.Body["response_format"]?.Value<string>("type")));
        Assert.Equal(2, requests.Count(r => r.Body.Value<string>("model") == "local-judge"));
        Assert.Equal(10, requests.Count(r => r.Body.Value<string>("model") == "local-model"));
        Assert.Contains(requests, r => r.Body["response_format"]!["json_schema"]!.Value<string>("name") == "proposal");

        // Every exchange is persisted with the experiment it belongs to; the key is in none of them.
        var second = stored[1].Index;
        var interactions = await store.GetInteractionsAsync(second);
        Assert.Equal(["repair-1", "judge", "analyze"], interactions.Select(i => i.Step));
        Assert.All(interactions, i => Assert.Equal(120, i.Usage.InputTokens));
        var runLevel = await store.GetInteractionsAsync(null);
        Assert.Equal(["summarize-1", "plan", "novelty", "summarize-2", "plan", "novelty"], runLevel.Select(i => i.Step));
        Assert.DoesNotContain(runLevel.Concat(interactions), i => i.Request.Contains(Key, StringComparison.Ordinal) || i.Response.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(Key, await File.ReadAllTextAsync(settings), StringComparison.Ordinal);

        var budget = provider.GetRequiredService<ILlmBudget>();
        Assert.Equal(12 * 150, budget.Spent.TotalTokens);
        Assert.Equal((10 * 120 * 1.0m + 10 * 30 * 2.0m) / 1_000_000m, budget.Spent.Cost);
    }

    [Fact]
    public async Task Agents_ServerErrorThenProseOnly_TypedFailureAfterRetries()
    {
        var calls = 0;
        await using var server = new LocalOpenAiServer(_ => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("overloaded") : "Sure! Here is a great idea, no JSON though.");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Llm:Provider"] = "OpenAI",
            ["AsiArch:Llm:Endpoint"] = server.Endpoint,
            ["AsiArch:Llm:Model"] = "local-model",
            ["AsiArch:Llm:MaxAttempts"] = "3",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        Assert.True(services.TryAddLlmAgentsFromConfiguration(configuration));
        await using var provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => provider.GetRequiredService<IResearcher>().ProposeAsync(new ResearchContext()));

        Assert.Equal(FailureKind.InvalidModelOutput, ex.Failure.Kind);
        Assert.Contains("no JSON object", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Failure.Diagnostics.Count);
        // The 500 is retried inside the OpenAI client's pipeline; each of the 3 invoker attempts then got prose.
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public void TryAddLlmAgentsFromConfiguration_NoProvider_RegistersNothing()
    {
        var services = new ServiceCollection();

        Assert.False(services.TryAddLlmAgentsFromConfiguration(new ConfigurationBuilder().Build()));
        Assert.Empty(services);
    }

    [Fact]
    public void TryAddLlmAgentsFromConfiguration_KeyVariableUnset_FailsNamingTheVariable()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Llm:Provider"] = "AzureOpenAI",
            ["AsiArch:Llm:Endpoint"] = "https://example.openai.azure.com/",
            ["AsiArch:Llm:Model"] = "gpt-deployment",
            ["AsiArch:Llm:ApiKeyVariable"] = "ASIARCH_IT_UNSET_KEY_VARIABLE",
        }).Build();

        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().TryAddLlmAgentsFromConfiguration(configuration, _ => null));

        Assert.Contains("ASIARCH_IT_UNSET_KEY_VARIABLE", ex.Message, StringComparison.Ordinal);
    }

    private sealed class TempDir : IDisposable
    {
        public TempDir() => Path = Directory.CreateTempSubdirectory("asiarch-llm-it-").FullName;

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
