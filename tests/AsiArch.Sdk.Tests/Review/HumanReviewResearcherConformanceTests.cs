using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Review;
using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.Tests.Review;

/// <summary>The review decorator honours the researcher contract (no reviewer: every proposal is approved on timeout at once).</summary>
public sealed class HumanReviewResearcherConformanceTests : ResearcherConformanceTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("asiarch-review-conformance-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    protected override IResearcher CreateResearcher() => new HumanReviewResearcher(
        new EvolutionaryResearcher(),
        new HumanReviewOptions { Folder = _root, Timeout = TimeSpan.FromMilliseconds(1), PollInterval = TimeSpan.FromMilliseconds(1), TimeoutPolicy = ReviewTimeoutPolicy.Approve });
}
