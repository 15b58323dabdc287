using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Review;
using AsiArch.Sdk.Tests.Discovery;

namespace AsiArch.Sdk.Tests.Review;

/// <summary>The review decorator inside the real discovery loop (fakes for the other roles).</summary>
public sealed class HumanReviewLoopTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("asiarch-review-loop-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task RunAsync_FirstProposalRejectedSecondApproved_RejectionKeptAsFailedExperimentAndApprovalTrained()
    {
        var h = new LoopHarness();
        var reviewer = new HumanReviewResearcher(
            h.Researcher,
            new HumanReviewOptions { Folder = _root, Timeout = TimeSpan.FromMinutes(2), PollInterval = TimeSpan.FromMilliseconds(10) });
        using var stop = new CancellationTokenSource();
        var scientist = Task.Run(async () =>
        {
            var decided = 0;
            // An item stays pending until the reviewer reads its decision; deciding it again on the next poll would
            // overwrite the rejection with an approval.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (!stop.IsCancellationRequested)
            {
                foreach (var item in reviewer.Folder.ListPending().Where(i => seen.Add(i.Id)))
                {
                    reviewer.Folder.WriteDecision(item.Id, decided++ == 0 ? ReviewDecision.Reject : ReviewDecision.Approve, decided == 1 ? "not this one" : "fine");
                }

                await Task.Delay(10, CancellationToken.None);
            }
        });
        var loop = new DiscoveryLoop(reviewer, h.Engineer, h.Analyst, h.Store, new AsiArchFitnessScorer(), LoopHarness.Catalog, h.Options, h.Judge, h.Cognition);

        await foreach (var _ in loop.RunAsync(new DiscoveryRequest { Profile = LoopHarness.Profile, Seed = 3, MaxExperiments = 1 }).WithCancellation(CancellationToken.None))
        {
        }

        await stop.CancelAsync();
        await scientist;
        var candidates = await h.CandidatesAsync();
        Assert.Equal(2, candidates.Count);
        var rejected = candidates[0];
        Assert.Equal(ExperimentStatus.Failed, rejected.Status);
        Assert.Equal(FailureKind.Duplicate, rejected.Failure!.Kind);
        Assert.Contains("Rejected by the human reviewer: not this one", rejected.Failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(ReviewDecision.Reject, ReviewOutcome.TryRead(rejected)!.Decision);
        var approved = candidates[1];
        Assert.Equal(ExperimentStatus.Done, approved.Status);
        Assert.Equal(ReviewDecision.Approve, ReviewOutcome.TryRead(approved)!.Decision);
        Assert.Null(rejected.Result);
        Assert.NotNull(approved.Result);
    }
}
