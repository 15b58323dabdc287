using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Discovery;

public sealed class PromotionTests
{
    private static readonly TrainingProfile Verify = TrainingProfiles.Smoke with { Name = "VerifySmall", Steps = 200 };

    private static LoopHarness Harness(double candidateAccuracy)
    {
        var h = new LoopHarness(new DiscoveryOptions { TrainingSlots = 2, ThreadsPerSlot = 1, PromotionTopK = 2, VerificationSeeds = 3 });
        h.Trainer.ResultFactory = r =>
        {
            var result = FakeTrainer.DefaultResult(r);
            if (r.Profile.Name != Verify.Name)
            {
                return result;
            }

            // Verification: baselines around 0.40-0.46, candidates at the given level, with a little seed noise.
            var noise = 0.01 * (r.Seed % 3);
            var isCandidate = r.Candidate.Source.Code.Contains("Variant", StringComparison.Ordinal);
            var baseline = r.Candidate.Source.Code.Contains("RetNet", StringComparison.Ordinal) && !isCandidate ? 0.44 : 0.40;
            var accuracy = (isCandidate ? candidateAccuracy : baseline) + noise;
            return result with { Tasks = result.Tasks.Select(t => t with { Metrics = new Dictionary<string, double> { ["accuracy"] = accuracy } }).ToList() };
        };
        return h;
    }

    [Fact]
    public async Task RunAsync_ClearlyBetterCandidate_IsLabelledDiscoveryAfterSeveralSeeds()
    {
        var h = Harness(candidateAccuracy: 0.80);
        var events = await h.RunAsync(maxExperiments: 4, verification: Verify);

        var promoted = events.OfType<CandidatePromotedEvent>().Select(e => e.Outcome).ToList();
        Assert.Equal(2, promoted.Count);
        Assert.All(promoted, o => Assert.True(o.IsDiscovery, o.Verdict));
        Assert.All(promoted, o => Assert.Equal("RetNet", o.BestBaselineName));
        Assert.All(promoted, o => Assert.Equal(3, o.CandidateValues.Count));
        Assert.All(promoted, o => Assert.True(o.Test!.PValue < 0.05));

        var promotions = await h.Store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Promotion] });
        Assert.Equal(6, promotions.Count);
        Assert.All(promotions, p => Assert.Equal(ExperimentStatus.Done, p.Status));
        Assert.Equal([7, 8, 9], promotions.Where(p => p.Parent == promoted[0].CandidateIndex).Select(p => p.Seed).Order());
        var verifyBaselines = await h.Store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Seed, ExperimentKind.Baseline], ProfileName = Verify.Name });
        Assert.Equal(9, verifyBaselines.Count);
        Assert.NotNull(await h.Store.GetRunValueAsync(RunValueKeys.Promotion(promoted[0].CandidateIndex)));
    }

    [Fact]
    public async Task RunAsync_CandidateNoBetterThanBestBaseline_IsNotADiscovery()
    {
        var h = Harness(candidateAccuracy: 0.44);
        var events = await h.RunAsync(maxExperiments: 3, verification: Verify);

        var promoted = events.OfType<CandidatePromotedEvent>().Select(e => e.Outcome).ToList();
        Assert.NotEmpty(promoted);
        Assert.All(promoted, o => Assert.False(o.IsDiscovery));
        Assert.All(promoted, o => Assert.True(o.Test!.PValue >= 0.05));
    }

    [Fact]
    public async Task RunAsync_ResumedAfterPromotion_DoesNotRetrainAnything()
    {
        var store = new InMemoryExperimentStore();
        var first = Harness(0.8);
        var h = new LoopHarness(first.Options, store);
        h.Trainer.ResultFactory = first.Trainer.ResultFactory;
        await h.RunAsync(maxExperiments: 2, verification: Verify);
        var again = new LoopHarness(first.Options, store);
        await again.RunAsync(maxExperiments: 2, verification: Verify);

        Assert.Equal(0, again.Trainer.Calls);
    }
}
