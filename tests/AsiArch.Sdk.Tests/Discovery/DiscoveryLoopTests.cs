using System.ComponentModel.DataAnnotations;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Discovery;

public sealed class DiscoveryLoopTests
{
    [Fact]
    public async Task RunAsync_SmallBudget_MeasuresBaselinesFirstThenRunsEveryCandidateToDone()
    {
        var h = new LoopHarness();
        var events = await h.RunAsync(maxExperiments: 5);

        var all = await h.AllAsync();
        Assert.Equal(["DeltaNet", "RetNet", "Softmax"], all.Take(3).Select(r => r.Name));
        Assert.Equal([ExperimentKind.Seed, ExperimentKind.Baseline, ExperimentKind.Baseline], all.Take(3).Select(r => r.Kind));
        Assert.All(all, r => Assert.Equal(ExperimentStatus.Done, r.Status));
        var candidates = await h.CandidatesAsync();
        Assert.Equal(5, candidates.Count);
        Assert.All(candidates, c => Assert.NotNull(c.Analysis));
        Assert.All(candidates, c => Assert.Equal(ExperimentStatus.Done, c.Status));
        Assert.Equal(5, h.Researcher.ProposeCalls);
        Assert.Equal(5, h.Analyst.Calls);

        // The reference scored against itself: both measured components are exactly sigma(0).
        var seed = all[0];
        Assert.Equal(0.5, seed.Fitness!.LossComponent, 12);
        Assert.Equal(0.5, seed.Fitness.BenchmarkComponent, 12);
        Assert.Equal("MaxExperiments", await h.Store.GetRunValueAsync(RunValueKeys.StopReason));
        Assert.NotNull(await h.Store.GetRunValueAsync(RunValueKeys.Baseline("Smoke", 7, "DeltaNet")));
        Assert.IsType<RunStoppedEvent>(events[^1]);
        Assert.Contains(events, e => e is BudgetReachedEvent { Reason: StopReason.MaxExperiments });
        Assert.Contains(events, e => e is TrainingProgressEvent);
        Assert.Equal(5, events.OfType<ExperimentAnalyzedEvent>().Count());
    }

    [Fact]
    public async Task RunAsync_SeedAndBaselines_AreImplementedAsReferencesAndCandidatesAreNot()
    {
        var h = new LoopHarness();
        var inner = new FakeEngineer(h.Trainer);
        var reference = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        h.Engineer.ImplementCallback = (request, ct) =>
        {
            reference[request.Proposal.Name] = request.Reference;
            return inner.ImplementAsync(request, ct);
        };

        await h.RunAsync(maxExperiments: 2);

        Assert.True(reference["DeltaNet"] && reference["RetNet"] && reference["Softmax"]);
        var candidates = await h.CandidatesAsync();
        Assert.Equal(2, candidates.Count);
        Assert.All(candidates, c => Assert.False(reference[c.Name]));
    }

    [Fact]
    public async Task RunAsync_ColdStart_ParentIsTheSeedUntilThePoolIsUpdated()
    {
        // Budget 40 -> cold start 4, then an update after every evaluated candidate (interval 1).
        var h = new LoopHarness(new DiscoveryOptions { TrainingSlots = 1, PromotionTopK = 0, QueueCapacity = 1 });
        await h.RunAsync(maxExperiments: 40);

        var seedIndex = (await h.AllAsync())[0].Index;
        var candidates = await h.CandidatesAsync();
        Assert.All(candidates.Take(4), c => Assert.Equal(seedIndex, c.Parent));
        Assert.Contains(candidates.Skip(8), c => c.Parent != seedIndex);
        var pool = await h.Store.GetPoolAsync();
        var ranked = (await h.Store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Candidate, ExperimentKind.Seed], ScoredOnly = true, OrderBy = ExperimentOrder.FitnessDescending }))
            .Where(r => r.Status == ExperimentStatus.Done).Take(50).Select(r => r.Index).ToList();
        Assert.Equal(ranked, pool);
        Assert.Equal("40", await h.Store.GetRunValueAsync(RunValueKeys.PoolUpdatedAt));
    }

    [Fact]
    public async Task RunAsync_DuplicateVerdict_ReplansWithRejectedContextAndKeepsTheDuplicate()
    {
        var h = new LoopHarness();
        var checks = 0;
        h.Researcher.NoveltyCallback = (p, similar, _) => Task.FromResult(
            Interlocked.Increment(ref checks) == 1
                ? new NoveltyVerdict { IsDuplicate = true, SimilarTo = similar.Select(s => s.Index).ToList(), Reason = "same idea" }
                : NoveltyVerdict.Novel());
        await h.RunAsync(maxExperiments: 2);

        var candidates = await h.CandidatesAsync();
        Assert.Equal(3, candidates.Count);
        Assert.Equal(FailureKind.Duplicate, candidates[0].Failure!.Kind);
        Assert.Contains("same idea", candidates[0].Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(ExperimentStatus.Done, candidates[1].Status);
        var replan = h.Researcher.Contexts[1];
        var rejected = Assert.Single(replan.Rejected);
        Assert.Equal(candidates[0].Name, rejected.Proposal.Name);
    }

    [Fact]
    public async Task RunAsync_AlwaysDuplicate_StopsAfterMaxReplans()
    {
        var h = new LoopHarness(new DiscoveryOptions { TrainingSlots = 1, PromotionTopK = 0, MaxReplans = 2 });
        h.Researcher.NoveltyCallback = (_, _, _) => Task.FromResult(new NoveltyVerdict { IsDuplicate = true, Reason = "seen" });
        await h.RunAsync(maxExperiments: 2);

        var candidates = await h.CandidatesAsync();
        Assert.Equal(6, candidates.Count);
        Assert.All(candidates, c => Assert.Equal(FailureKind.Duplicate, c.Failure!.Kind));
        Assert.Equal(0, h.Engineer.ImplementCalls - 3);
    }

    [Fact]
    public async Task RunAsync_NoveltyCheck_SeesTheMostSimilarEarlierMotivationsButNotItself()
    {
        var h = new LoopHarness();
        var seen = new List<IReadOnlyList<ExperimentRecord>>();
        h.Researcher.NoveltyCallback = (p, similar, _) => { seen.Add(similar); return Task.FromResult(NoveltyVerdict.Novel()); };
        await h.RunAsync(maxExperiments: 8);

        Assert.Equal(8, seen.Count);
        Assert.All(seen, s => Assert.True(s.Count <= 5));
        Assert.True(seen[^1].Count == 5);
        var names = (await h.CandidatesAsync()).Select(c => c.Index).ToList();
        for (var i = 0; i < seen.Count; i++)
        {
            Assert.DoesNotContain(names[i], seen[i].Select(s => s.Index));
        }
    }

    [Fact]
    public async Task RunAsync_SameStructureUnderNewName_FailsAsDuplicateFingerprint()
    {
        var h = new LoopHarness();
        var n = 0;
        h.Researcher.ProposeCallback = (_, _) =>
        {
            var i = Interlocked.Increment(ref n);
            return Task.FromResult(new Proposal
            {
                Name = $"renamed_{i}",
                Motivation = $"Motivation number {i}",
                Source = new CandidateSource($"// comment {i}\nclass Same {{ int x; }}"),
            });
        };
        await h.RunAsync(maxExperiments: 2);

        var candidates = await h.CandidatesAsync();
        Assert.Equal(ExperimentStatus.Done, candidates[0].Status);
        Assert.Equal(FailureKind.Duplicate, candidates[1].Failure!.Kind);
        Assert.Contains($"experiment {candidates[0].Index}", candidates[1].Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Analyst.Calls);
    }

    [Fact]
    public async Task RunAsync_NonFiniteMetric_FailsTheCandidateWithMissingMetric()
    {
        var h = new LoopHarness();
        h.Trainer.ResultFactory = r =>
        {
            var result = FakeTrainer.DefaultResult(r);
            return r.Candidate.Source.Code.Contains("variant", StringComparison.Ordinal)
                ? result with { Tasks = result.Tasks.Select(t => t with { Metrics = new Dictionary<string, double> { ["accuracy"] = double.NaN } }).ToList() }
                : result;
        };
        await h.RunAsync(maxExperiments: 2);

        var candidates = await h.CandidatesAsync();
        Assert.All(candidates, c => Assert.Equal(FailureKind.MissingMetric, c.Failure!.Kind));
        Assert.All(candidates, c => Assert.NotNull(c.Judgement));
        Assert.Equal(0, h.Analyst.Calls);
    }

    [Fact]
    public async Task RunAsync_TrainingFailure_IsStoredAsTypedFailure()
    {
        var h = new LoopHarness();
        h.Trainer.ResultFactory = r => r.Candidate.Source.Code.Contains("variant 2", StringComparison.Ordinal)
            ? new TrainingResult { Failure = new ExperimentFailure(FailureKind.NonFinite, "loss diverged") }
            : FakeTrainer.DefaultResult(r);
        var events = await h.RunAsync(maxExperiments: 3);

        var candidates = await h.CandidatesAsync();
        Assert.Equal(FailureKind.NonFinite, candidates[1].Failure!.Kind);
        Assert.Equal(ExperimentStatus.Done, candidates[2].Status);
        Assert.Contains(events, e => e is ExperimentFailedEvent f && f.Experiment.Index == candidates[1].Index);
    }

    [Fact]
    public async Task RunAsync_RoleThrows_FailsThatExperimentAndContinues()
    {
        var h = new LoopHarness();
        var calls = 0;
        h.Analyst.AnalyzeCallback = (r, _) => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("analyst bug")
            : Task.FromResult(new AnalysisReport { DesignEvaluation = "a", ResultsAnalysis = "b", ExpectationVsReality = "c", TheoreticalExplanation = "d", SynthesisAndInsights = "e" });
        await h.RunAsync(maxExperiments: 3);

        var candidates = await h.CandidatesAsync();
        Assert.Equal(FailureKind.RuntimeError, candidates[0].Failure!.Kind);
        Assert.Contains("analyst bug", candidates[0].Failure!.Message, StringComparison.Ordinal);
        Assert.All(candidates.Skip(1), c => Assert.Equal(ExperimentStatus.Done, c.Status));
    }

    [Fact]
    public async Task RunAsync_FourSlots_TrainsFourCandidatesConcurrently()
    {
        var h = new LoopHarness(new DiscoveryOptions { TrainingSlots = 4, ThreadsPerSlot = 1, PromotionTopK = 0, QueueCapacity = 4 });
        h.Trainer.Delay = TimeSpan.FromMilliseconds(300);
        await h.RunAsync(maxExperiments: 12);

        Assert.Equal(4, h.Trainer.MaxInFlight);
        Assert.All(h.Trainer.Requests, r => Assert.Equal(1, r.Threads));
        Assert.All(await h.CandidatesAsync(), c => Assert.Equal(ExperimentStatus.Done, c.Status));
    }

    [Fact]
    public async Task RunAsync_StopRequested_ProposesNothingNewAndRecordsCancelled()
    {
        var h = new LoopHarness();
        using var stop = new CancellationTokenSource();
        h.Trainer.ResultFactory = r =>
        {
            if (r.RunName!.StartsWith("fake_", StringComparison.Ordinal))
            {
                stop.Cancel();
            }

            return FakeTrainer.DefaultResult(r);
        };
        var events = await h.RunAsync(maxExperiments: 50, stop: stop.Token);

        Assert.Equal("Cancelled", await h.Store.GetRunValueAsync(RunValueKeys.StopReason));
        Assert.True(h.Researcher.ProposeCalls <= 3, $"{h.Researcher.ProposeCalls} proposals after a stop");
        Assert.Equal(StopReason.Cancelled, Assert.IsType<RunStoppedEvent>(events[^1]).Reason);
        Assert.All(await h.AllAsync(), r => Assert.True(r.Status is ExperimentStatus.Done or ExperimentStatus.Failed or ExperimentStatus.Validated, $"{r.Name} is {r.Status}"));
    }

    [Fact]
    public async Task RunAsync_TokenBudget_StopsWithTokensReason()
    {
        var h = new LoopHarness(new DiscoveryOptions { TrainingSlots = 1, PromotionTopK = 0, MaxTokens = 1500 });
        await h.RunAsync(maxExperiments: 100);

        Assert.Equal("Tokens", await h.Store.GetRunValueAsync(RunValueKeys.StopReason));
        var candidates = await h.CandidatesAsync();
        Assert.InRange(candidates.Count, 1, 10);
    }

    [Fact]
    public async Task RunAsync_ResearcherModelBudgetSpent_StopsProposingWithModelBudgetReason()
    {
        var h = new LoopHarness(new DiscoveryOptions { TrainingSlots = 1, PromotionTopK = 0 });
        var calls = 0;
        h.Researcher.ProposeCallback = (_, _) =>
        {
            calls++;
            throw new ExperimentFailureException(new ExperimentFailure(FailureKind.BudgetExceeded, "LLM budget of 1000 tokens is spent."));
        };

        var events = await h.RunAsync(maxExperiments: 50);

        Assert.Equal(1, calls);
        Assert.Equal("ModelBudget", await h.Store.GetRunValueAsync(RunValueKeys.StopReason));
        Assert.Contains(events, e => e is BudgetReachedEvent { Reason: StopReason.ModelBudget });
        Assert.Empty(await h.CandidatesAsync());
    }

    [Fact]
    public async Task RunAsync_Aborted_LeavesResumableStateAndResumeFinishesWithoutRepeatingCalls()
    {
        var store = new InMemoryExperimentStore();
        var h = new LoopHarness(store: store);
        using var abort = new CancellationTokenSource();
        h.Trainer.Delay = TimeSpan.FromMilliseconds(50);
        h.Trainer.ResultFactory = r =>
        {
            if (r.RunName == "fake_3")
            {
                abort.Cancel();
            }

            return FakeTrainer.DefaultResult(r);
        };
        await h.RunAsync(maxExperiments: 6, abort: abort.Token);
        Assert.Equal("Aborted", await store.GetRunValueAsync(RunValueKeys.StopReason));
        Assert.Contains(await h.AllAsync(), r => !ExperimentLifecycle.IsTerminal(r.Status));
        var proposedBefore = h.Researcher.ProposeCalls;

        var resumed = new LoopHarness(store: store);
        var n = 0;
        resumed.Researcher.ProposeCallback = (_, _) =>
        {
            var i = Interlocked.Increment(ref n);
            return Task.FromResult(new Proposal { Name = $"resumed_{i}", Motivation = $"resumed idea {i}", Source = new CandidateSource($"class Resumed{i} {{ }}") });
        };
        await resumed.RunAsync(maxExperiments: 6);

        var candidates = await resumed.CandidatesAsync();
        Assert.Equal(6, candidates.Count);
        Assert.All(await resumed.AllAsync(), r => Assert.Equal(ExperimentStatus.Done, r.Status));
        Assert.Equal(6, proposedBefore + resumed.Researcher.ProposeCalls);
        Assert.Equal(6, h.Analyst.Calls + resumed.Analyst.Calls);
        Assert.Equal(6 + 3, h.Judge.Calls + resumed.Judge.Calls);
        Assert.Equal(0, resumed.Engineer.ImplementCalls - resumed.Researcher.ProposeCalls);
    }

    [Fact]
    public async Task RunAsync_ExistingStoreInEveryState_ResumesEachFromItsLastCommit()
    {
        var store = new InMemoryExperimentStore();
        var first = new LoopHarness(store: store);
        await first.RunAsync(maxExperiments: 0);
        var seed = (await first.AllAsync())[0];

        async Task<ExperimentRecord> Make(string name, ExperimentStatus status)
        {
            var r = await store.CreateAsync(new ExperimentDraft { Name = name, Parent = seed.Index, Motivation = $"idea {name}", Program = $"class {name} {{ }}", ProfileName = "Smoke", Seed = 7, AdditionalProperties = new() { ["discovery.round"] = 0L } });
            var artifact = FakeEngineer.CreateArtifact(new CandidateSource(r.Program));
            var props = new AdditionalPropertiesDictionary(r.AdditionalProperties!) { ["discovery.novelty"] = "novel", ["discovery.artifact"] = Convert.ToBase64String(artifact.Assembly), ["discovery.artifactType"] = artifact.TypeName };
            foreach (var s in new[] { ExperimentStatus.Implemented, ExperimentStatus.Validated, ExperimentStatus.Training }.Where(s => s <= status))
            {
                r = await store.UpdateAsync(r with { Status = s, AdditionalProperties = props, Probes = new ProbeReport { Fingerprint = name } });
            }

            return r;
        }

        await Make("proposed", ExperimentStatus.Proposed);
        await Make("implemented", ExperimentStatus.Implemented);
        await Make("validated", ExperimentStatus.Validated);
        await Make("training", ExperimentStatus.Training);

        var h = new LoopHarness(store: store);
        await h.RunAsync(maxExperiments: 0);

        Assert.All(await h.AllAsync(), r => Assert.Equal(ExperimentStatus.Done, r.Status));
        Assert.Equal(0, h.Researcher.ProposeCalls);
        Assert.Equal(1, h.Researcher.NoveltyCalls - 0 + 0 * h.Researcher.NoveltyCalls);
        Assert.Equal(1, h.Engineer.ImplementCalls);
        Assert.Equal(4, h.Trainer.Calls);
        Assert.Equal(4, h.Analyst.Calls);
    }

    [Fact]
    public async Task RunAsync_SecondRunOnFinishedStore_DoesNotRepeatBaselines()
    {
        var store = new InMemoryExperimentStore();
        await new LoopHarness(store: store).RunAsync(maxExperiments: 2);
        var again = new LoopHarness(store: store);
        await again.RunAsync(maxExperiments: 2);

        Assert.Equal(0, again.Trainer.Calls);
        Assert.Equal(0, again.Researcher.ProposeCalls);
        Assert.Equal(5, (await again.AllAsync()).Count);
    }

    [Fact]
    public async Task RunAsync_UnknownSeedName_ThrowsNamingTheKnownOnes()
    {
        var h = new LoopHarness(new DiscoveryOptions { Seeds = ["Nope"], PromotionTopK = 0 });
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => h.RunAsync(maxExperiments: 1));
        Assert.Contains("DeltaNet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsValidationException()
    {
        var ex = Assert.Throws<ValidationException>(() => new LoopHarness(new DiscoveryOptions { Seeds = [], ParentRanks = 60 }).CreateLoop());
        Assert.Contains("Seeds", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ParentRanks", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadCandidateFilter_ThrowsAtStartUp()
    {
        var h = new LoopHarness { FitnessOptions = new FitnessOptions { CandidateFilter = "RelativeLoss +" } };
        Assert.Throws<InvalidFitnessExpressionException>(h.CreateLoop);
    }

    [Fact]
    public async Task RunAsync_CandidateFilter_KeepsRejectedCandidatesOutOfThePool()
    {
        var h = new LoopHarness(new DiscoveryOptions { TrainingSlots = 1, PromotionTopK = 0 })
        {
            FitnessOptions = new FitnessOptions { CandidateFilter = "false" },
        };
        await h.RunAsync(maxExperiments: 10);

        var pool = await h.Store.GetPoolAsync();
        var seed = (await h.AllAsync())[0];
        Assert.Equal([seed.Index], pool);
    }

    [Fact]
    public async Task RunAsync_ResearcherSeesBaselinesAndSampledReferencesOnly()
    {
        var h = new LoopHarness(new DiscoveryOptions { TrainingSlots = 1, PromotionTopK = 0, ParentRanks = 2, ColdStart = 0, ScaleScheduleToBudget = false, PoolUpdateInterval = 1 });
        await h.RunAsync(maxExperiments: 12);

        var last = h.Researcher.Contexts[^1];
        Assert.Equal(3, last.Baselines.Count);
        Assert.Equal(4, last.References.Count);
        Assert.Equal(4, last.References.Select(r => r.Index).Distinct().Count());
        var pool = await h.Store.GetPoolAsync();
        Assert.DoesNotContain(last.Parent!.Index, last.References.Select(r => r.Index));
    }
}
