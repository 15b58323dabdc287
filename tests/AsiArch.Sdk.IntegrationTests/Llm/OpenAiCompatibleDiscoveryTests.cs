using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Providers;
using AsiArch.Sdk.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.IntegrationTests.Llm;

/// <summary>
/// Two experiments through the discovery loop with the LLM agents on the real OpenAI client, against an
/// OpenAI-compatible server on 127.0.0.1, composed the way an application does it (configuration + environment key).
/// The engineer and trainer are the shipped fakes: this test is about the model path, not training.
/// </summary>
public sealed class OpenAiCompatibleDiscoveryTests
{
    private const string KeyVariable = "ASIARCH_IT_LOOP_LLM_KEY";

    [Fact]
    public async Task DiscoveryLoop_TwoExperimentsOnTheOpenAiClient_ProposedAnalyzedJudgedAndPersisted()
    {
        var script = new ScriptedCompletions();
        await using var server = new LocalOpenAiServer(script.Respond);
        var dir = Directory.CreateTempSubdirectory("asiarch-llm-loop-");
        try
        {
            Environment.SetEnvironmentVariable(KeyVariable, "sk-loop-test");
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AsiArch:Llm:Provider"] = "OpenAI",
                ["AsiArch:Llm:Endpoint"] = server.Endpoint,
                ["AsiArch:Llm:Model"] = "local-model",
                ["AsiArch:Llm:ApiKeyVariable"] = KeyVariable,
                ["AsiArch:Store:Path"] = Path.Combine(dir.FullName, "run.db"),
                ["AsiArch:Loop:TrainingSlots"] = "1",
                ["AsiArch:Loop:PromotionTopK"] = "0",
            }).Build();
            var services = new ServiceCollection().AddLogging();
            var trainer = new FakeTrainer();
            services.AddAsiArch(configuration).UseSqliteExperimentStore().UseEngineer(new FakeEngineer(trainer)).UseTrainer(trainer).UseLlmAgentsFromConfiguration();
            services.AddSingleton<ISeedCatalog>(new SeedCatalog([new SeedArchitecture("DeltaNet", ScriptedCompletions.Source("DeltaNet"), "The delta rule seed.")]));
            services.AddDiscoveryLoop(configuration);
            await using var provider = services.BuildServiceProvider();
            var loop = provider.GetRequiredService<DiscoveryLoop>();

            await foreach (var _ in loop.RunAsync(new DiscoveryRequest { Profile = TrainingProfiles.Smoke, Seed = 1, MaxExperiments = 2 }))
            {
            }

            var store = provider.GetRequiredService<IExperimentStore>();
            var candidates = await store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Candidate] });
            Assert.Equal(2, candidates.Count);
            Assert.All(candidates, c =>
            {
                Assert.Equal(ExperimentStatus.Done, c.Status);
                Assert.StartsWith("GatedDeltaVariant", c.Name, StringComparison.Ordinal);
                Assert.Equal("Keep gating the write path.", c.Analysis!.SynthesisAndInsights);
                Assert.Equal(6, c.Judgement!.Performance);
                Assert.True(c.Costs.Usage.TotalTokens > 0);
            });
            foreach (var candidate in candidates)
            {
                var steps = (await store.GetInteractionsAsync(candidate.Index)).Select(i => i.Step).ToList();
                Assert.Contains("judge", steps);
                Assert.Contains("analyze", steps);
            }

            Assert.Contains(await store.GetInteractionsAsync(null), i => i.Step == "plan");
            Assert.All(server.Requests, r => Assert.Equal("Bearer sk-loop-test", r.Authorization));
            Assert.True(server.Requests.Count >= 8);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
