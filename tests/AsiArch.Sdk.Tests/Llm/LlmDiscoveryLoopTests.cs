using System.Text.RegularExpressions;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Llm;

/// <summary>
/// The LLM agents inside the real discovery loop, every model answer scripted: a proposal with a compile error repaired
/// on the second attempt, a duplicate re-planned by the deduplicator, a hostile proposal rejected by the gate and not
/// repaired into execution, and analyses and judgements stored. The engineer is a fake that emulates compile and gate
/// (the engineer's own tests cover the real ones) and calls the LLM repairer like the real engineer does.
/// </summary>
public sealed partial class LlmDiscoveryLoopTests
{
    private static readonly SeedCatalog Seeds = new([new SeedArchitecture("DeltaNet", LlmTestKit.Source("DeltaNet"), "The delta rule seed with short convolutions.")]);

    [Fact]
    public async Task RunAsync_ScriptedModel_RepairsDeduplicatesRejectsHostileAndStoresAnalysis()
    {
        var model = new ScriptedModel();
        var client = new ScriptedChatClient(responder: model.Respond);
        var store = new InMemoryExperimentStore();
        var invoker = LlmTestKit.Invoker(client, store, o => o.MaxAttempts = 2);
        var repairer = new ChatClientCodeRepairer(invoker);
        var trainer = new FakeTrainer();
        var engineer = new FakeEngineer(trainer) { ImplementCallback = (request, ct) => CompileAndGateAsync(request, repairer, ct) };
        var loop = new DiscoveryLoop(
            new ChatClientResearcher(invoker), engineer, new ChatClientAnalyst(invoker), store, new AsiArchFitnessScorer(new FitnessOptions()), Seeds,
            new DiscoveryOptions { TrainingSlots = 1, PromotionTopK = 0, Seeds = ["DeltaNet"], MaxReplans = 3 }, new ChatClientQualityJudge(invoker));

        await foreach (var _ in loop.RunAsync(new DiscoveryRequest { Profile = TrainingProfiles.Smoke, Seed = 3, MaxExperiments = 3 }))
        {
        }

        var candidates = await store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Candidate] });
        var byName = candidates.ToDictionary(c => c.Name);

        // 1: a compile error, repaired by the model on the engineer's second attempt, then trained, judged and analysed.
        var repaired = byName["BuggyMixer"];
        Assert.Equal(ExperimentStatus.Done, repaired.Status);
        Assert.DoesNotContain("BUG", repaired.Program, StringComparison.Ordinal);
        var attempt = Assert.Single(repaired.Attempts);
        Assert.Equal(FailureKind.CompileError, attempt.Failure.Kind);
        Assert.NotNull(attempt.RepairedSource);
        Assert.Equal("Gating the write path helps recall.", repaired.Analysis!.SynthesisAndInsights);
        Assert.Equal(8, repaired.Judgement!.Complexity);
        Assert.NotNull(repaired.Fitness);

        // 2: a duplicate, rejected by the novelty checker and re-planned in an orthogonal direction.
        Assert.Equal(ExperimentStatus.Failed, byName["GateMixer"].Status);
        Assert.Equal(FailureKind.Duplicate, byName["GateMixer"].Failure!.Kind);
        Assert.Equal(ExperimentStatus.Done, byName["WaveletMixer"].Status);
        Assert.Equal(1, model.Deduplications);

        // 3: a hostile proposal stops at the gate; the repairer declines, so it is never trained.
        var hostile = byName["HostileMixer"];
        Assert.Equal(ExperimentStatus.Failed, hostile.Status);
        Assert.Equal(FailureKind.PolicyViolation, hostile.Failure!.Kind);
        Assert.Null(hostile.Result);
        Assert.Equal(0, model.HostileRepairs);
        Assert.DoesNotContain(await store.GetInteractionsAsync(hostile.Index), i => i.Role == LlmRoles.Engineer);

        // Every model exchange is stored; the repair belongs to the repaired experiment.
        Assert.Contains(await store.GetInteractionsAsync(repaired.Index), i => i.Step == "repair-1");
        Assert.Contains(await store.GetInteractionsAsync(repaired.Index), i => i.Step == "analyze");
        Assert.Equal(client.Requests.Count, (await AllInteractionsAsync(store, candidates)).Count);
    }

    private static async Task<List<ModelInteraction>> AllInteractionsAsync(IExperimentStore store, IEnumerable<ExperimentRecord> records)
    {
        var all = new List<ModelInteraction>(await store.GetInteractionsAsync(null));
        foreach (var record in (await store.QueryAsync(new ExperimentQuery())).Select(r => r.Index))
        {
            all.AddRange(await store.GetInteractionsAsync(record));
        }

        return all;
    }

    /// <summary>Emulates the engineer: a "BUG" marker fails compilation, System.IO fails the gate; failures go to the repairer.</summary>
    private static async Task<ImplementationResult> CompileAndGateAsync(ImplementationRequest request, ICodeRepairer repairer, CancellationToken ct)
    {
        var source = request.Proposal.Source;
        var attempts = new List<RepairAttempt>();
        for (var number = 1; ; number++)
        {
            ExperimentFailure? failure = source.Code.Contains("System.IO", StringComparison.Ordinal)
                ? new ExperimentFailure(FailureKind.PolicyViolation, "Layer.cs(18,20): 'System.IO.File' is not allowed in a candidate.")
                : source.Code.Contains("BUG", StringComparison.Ordinal)
                    ? new ExperimentFailure(FailureKind.CompileError, "Layer.cs(18,13): error CS0103: The name 'BUG' does not exist in the current context")
                    : null;
            if (failure is null)
            {
                return new ImplementationResult { FinalSource = source, Artifact = FakeEngineer.CreateArtifact(source), Attempts = attempts, Probes = new ProbeReport { Causal = true, Fingerprint = FakeEngineer.Fingerprint(source.Code) } };
            }

            if (number > 3)
            {
                return new ImplementationResult { FinalSource = source, Failure = failure, Attempts = attempts };
            }

            var repair = await repairer.RepairAsync(new RepairRequest { Proposal = request.Proposal, Source = source, Failure = failure, AttemptNumber = number, PreviousAttempts = attempts, ExperimentIndex = request.ExperimentIndex }, ct);
            attempts.Add(new RepairAttempt { Number = number, Failure = failure, FailedSourceHash = source.Hash, RepairedSource = repair.Source, Usage = repair.Usage });
            if (repair.Source is null)
            {
                return new ImplementationResult { FinalSource = source, Failure = failure, Attempts = attempts };
            }

            source = repair.Source;
        }
    }

    /// <summary>The scripted model: answers by prompt role, with a fixed story of three proposals.</summary>
    private sealed partial class ScriptedModel
    {
        private int _plans;

        public int Deduplications { get; private set; }

        public int HostileRepairs { get; private set; }

        public string Respond(ScriptedChatRequest request)
        {
            var system = request.SystemText;
            var user = request.UserText;
            if (system.Contains("You brief", StringComparison.Ordinal))
            {
                return LlmTestKit.BriefingJson();
            }

            if (system.Contains("innovation diversifier", StringComparison.Ordinal))
            {
                Deduplications++;
                return LlmTestKit.ProposalJson("WaveletMixer", "Multi-scale wavelet memory replaces gating entirely.");
            }

            if (system.Contains("autonomous neural-architecture researcher", StringComparison.Ordinal))
            {
                return ++_plans switch
                {
                    1 => LlmTestKit.ProposalJson("BuggyMixer", "Sharpen recall with a decayed memory.", LlmTestKit.Source("BuggyMixer", "BUG; return _out.forward(x);")),
                    2 => LlmTestKit.ProposalJson("GateMixer", "Gate the write path of the delta rule."),
                    _ => LlmTestKit.ProposalJson("HostileMixer", "Read the host's files for extra context.", LlmTestKit.Source("HostileMixer", "System.IO.File.ReadAllText(\"/etc/passwd\"); return _out.forward(x);")),
                };
            }

            if (system.Contains("repeats an earlier experiment", StringComparison.Ordinal))
            {
                var first = long.Parse(IndexPattern().Match(user).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                return user.Contains("## The proposal\n\n\"GateMixer\"", StringComparison.Ordinal)
                    ? LlmTestKit.Json(new { isDuplicate = true, similarTo = new[] { first }, reason = "Same gate as an earlier design." })
                    : LlmTestKit.Json(new { isDuplicate = false, similarTo = Array.Empty<long>(), reason = "New mechanism." });
            }

            if (system.Contains("debugging engineer", StringComparison.Ordinal))
            {
                HostileRepairs += user.Contains("System.IO", StringComparison.Ordinal) ? 1 : 0;
                var name = ClassPattern().Match(user).Groups[1].Value;
                return LlmTestKit.Json(new { changes = "Removed the undefined name.", source = LlmTestKit.Source(name) });
            }

            if (system.Contains("You are the analyst", StringComparison.Ordinal))
            {
                return LlmTestKit.AnalysisJson();
            }

            if (system.Contains("You judge", StringComparison.Ordinal))
            {
                return LlmTestKit.Json(new { performance = 6, innovation = 5, complexity = 8, reason = "Linear, modest gain." });
            }

            throw new InvalidOperationException("Unknown prompt: " + system[..Math.Min(80, system.Length)]);
        }

        [GeneratedRegex(@"Index (\d+),")]
        private static partial Regex IndexPattern();

        [GeneratedRegex(@"public sealed class (\w+)")]
        private static partial Regex ClassPattern();
    }
}
