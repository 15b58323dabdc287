using AsiArch.Sdk.Review;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.Testing.Conformance;
using AsiArch.Sdk.Testing.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace AsiArch.Sdk.Tests.Review;

public sealed class HumanReviewResearcherTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private readonly string _root = Directory.CreateTempSubdirectory("asiarch-review-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeResearcher _inner = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ProposeAsync_Approved_ReturnsProposalUnchangedAndRecordsApproval()
    {
        var researcher = Create();
        var task = researcher.ProposeAsync(RoleSamples.Context());
        var item = Assert.Single(researcher.Folder.ListPending());
        Assert.Equal("fake_1", item.Name);
        Assert.Equal("pending", File.ReadAllLines(Path.Combine(item.Directory, ReviewFolder.DecisionFile))[0]);

        researcher.Folder.WriteDecision(item.Id, ReviewDecision.Approve, "looks sound");
        var proposal = await CompleteAsync(task);

        Assert.Contains("variant 1", proposal.Source.Code, StringComparison.Ordinal);
        var outcome = ReviewOutcome.TryRead(proposal)!;
        Assert.Equal(ReviewDecision.Approve, outcome.Decision);
        Assert.False(outcome.TimedOut);
        Assert.Equal("looks sound", outcome.Note);
        Assert.Equal(proposal.Source.Hash, outcome.ProposedSourceHash);
        Assert.Null(outcome.OriginalSource);
        Assert.Empty(researcher.Folder.ListPending());
        Assert.True(File.Exists(Path.Combine(researcher.Folder.DecidedDirectory, item.Id, ReviewFolder.OutcomeFile)));
    }

    [Fact]
    public async Task ProposeAsync_EditedInFolder_TrainsTheEditAndKeepsTheOriginal()
    {
        var researcher = Create();
        var task = researcher.ProposeAsync(RoleSamples.Context());
        var item = Assert.Single(researcher.Folder.ListPending());
        var original = item.Source;
        File.WriteAllText(Path.Combine(item.Directory, ReviewFolder.SourceFile), "// reviewed by hand\n" + original);
        File.WriteAllText(Path.Combine(item.Directory, ReviewFolder.MotivationFile), "Hand-tuned: gate the write.");
        File.WriteAllText(Path.Combine(item.Directory, ReviewFolder.DecisionFile), "edit\nadded a gate\nand a comment\n");

        var proposal = await CompleteAsync(task);

        Assert.StartsWith("// reviewed by hand", proposal.Source.Code, StringComparison.Ordinal);
        Assert.Equal("Hand-tuned: gate the write.", proposal.Motivation);
        var outcome = ReviewOutcome.TryRead(proposal)!;
        Assert.Equal(ReviewDecision.Edit, outcome.Decision);
        Assert.Equal(original, outcome.OriginalSource);
        Assert.StartsWith("Variant 1", outcome.OriginalMotivation, StringComparison.Ordinal);
        Assert.Equal("added a gate\nand a comment", outcome.Note);
        Assert.NotEqual(proposal.Source.Hash, outcome.ProposedSourceHash);
    }

    [Fact]
    public async Task ProposeAsync_ApprovedAfterChangingTheSource_IsRecordedAsEdit()
    {
        var researcher = Create();
        var task = researcher.ProposeAsync(RoleSamples.Context());
        var item = Assert.Single(researcher.Folder.ListPending());
        File.AppendAllText(Path.Combine(item.Directory, ReviewFolder.SourceFile), "\n// tweak\n");
        researcher.Folder.WriteDecision(item.Id, ReviewDecision.Approve);

        var proposal = await CompleteAsync(task);

        Assert.EndsWith("// tweak", proposal.Source.Code.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(ReviewDecision.Edit, ReviewOutcome.TryRead(proposal)!.Decision);
    }

    [Fact]
    public async Task ProposeAsync_Rejected_NoveltyCheckTurnsItDownWithTheNote()
    {
        var researcher = Create();
        var task = researcher.ProposeAsync(RoleSamples.Context());
        var item = Assert.Single(researcher.Folder.ListPending());
        researcher.Folder.WriteDecision(item.Id, ReviewDecision.Reject, "softmax in disguise");

        var proposal = await CompleteAsync(task);
        var verdict = await researcher.CheckNoveltyAsync(proposal, []);

        Assert.Equal(ReviewDecision.Reject, ReviewOutcome.TryRead(proposal)!.Decision);
        Assert.True(verdict.IsDuplicate);
        Assert.Contains("softmax in disguise", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _inner.NoveltyCalls);
    }

    [Fact]
    public async Task CheckNoveltyAsync_ApprovedProposal_AsksTheInnerResearcher()
    {
        var researcher = Create();
        var task = researcher.ProposeAsync(RoleSamples.Context());
        researcher.Folder.WriteDecision(Assert.Single(researcher.Folder.ListPending()).Id, ReviewDecision.Approve);
        var proposal = await CompleteAsync(task);

        var verdict = await researcher.CheckNoveltyAsync(proposal, []);

        Assert.False(verdict.IsDuplicate);
        Assert.Equal(1, _inner.NoveltyCalls);
    }

    [Theory]
    [InlineData(ReviewTimeoutPolicy.Approve, ReviewDecision.Approve)]
    [InlineData(ReviewTimeoutPolicy.Reject, ReviewDecision.Reject)]
    public async Task ProposeAsync_NoDecisionBeforeTimeout_PolicyDecides(ReviewTimeoutPolicy policy, ReviewDecision expected)
    {
        var researcher = Create(policy);
        var task = researcher.ProposeAsync(RoleSamples.Context());
        Assert.Single(researcher.Folder.ListPending());

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(task.IsCompleted);
        var proposal = await CompleteAsync(task, advance: TimeSpan.FromMinutes(2));

        var outcome = ReviewOutcome.TryRead(proposal)!;
        Assert.Equal(expected, outcome.Decision);
        Assert.True(outcome.TimedOut);
        Assert.Equal(_time.GetUtcNow(), outcome.DecidedAt);
    }

    [Fact]
    public async Task ProposeAsync_NoDecisionBeforeTimeoutPolicyFail_ThrowsTypedTimeoutAndKeepsItemPending()
    {
        var researcher = Create(ReviewTimeoutPolicy.Fail);
        var task = researcher.ProposeAsync(RoleSamples.Context());

        var error = await Assert.ThrowsAsync<ExperimentFailureException>(() => CompleteAsync(task, advance: TimeSpan.FromMinutes(11)));

        Assert.Equal(FailureKind.Timeout, error.Failure.Kind);
        Assert.Single(researcher.Folder.ListPending());
    }

    [Fact]
    public async Task ProposeAsync_UnreadableDecision_WritesProblemAndKeepsWaiting()
    {
        var researcher = Create();
        var task = researcher.ProposeAsync(RoleSamples.Context());
        var item = Assert.Single(researcher.Folder.ListPending());
        File.WriteAllText(Path.Combine(item.Directory, ReviewFolder.DecisionFile), "maybe later\n");
        _time.Advance(TimeSpan.FromSeconds(5));

        var problem = Path.Combine(item.Directory, ReviewFolder.ProblemFile);
        await WaitUntilAsync(() => File.Exists(problem));
        Assert.Contains("'maybe later'", File.ReadAllText(problem), StringComparison.Ordinal);
        Assert.False(task.IsCompleted);

        researcher.Folder.WriteDecision(item.Id, ReviewDecision.Approve);
        var proposal = await CompleteAsync(task);
        Assert.Equal(ReviewDecision.Approve, ReviewOutcome.TryRead(proposal)!.Decision);
    }

    [Fact]
    public async Task ProposeAsync_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        var researcher = Create();
        using var cts = new CancellationTokenSource();
        var task = researcher.ProposeAsync(RoleSamples.Context(), cts.Token);
        Assert.Single(researcher.Folder.ListPending());

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Guard));
    }

    [Fact]
    public async Task Outcome_StoredOnExperiment_ReadsBackFromSqlite()
    {
        var researcher = Create();
        var task = researcher.ProposeAsync(RoleSamples.Context());
        var item = Assert.Single(researcher.Folder.ListPending());
        File.WriteAllText(Path.Combine(item.Directory, ReviewFolder.DecisionFile), "edit\nrenamed\n");
        File.AppendAllText(Path.Combine(item.Directory, ReviewFolder.SourceFile), "\n// edited\n");
        var proposal = await CompleteAsync(task);

        using var store = await SqliteExperimentStore.OpenAsync(Path.Combine(_root, "run.db"));
        var created = await store.CreateAsync(new ExperimentDraft
        {
            Name = proposal.Name,
            Motivation = proposal.Motivation,
            Program = proposal.Source.Code,
            AdditionalProperties = proposal.AdditionalProperties,
        });
        var read = await store.GetAsync(created.Index);

        var outcome = ReviewOutcome.TryRead(read!)!;
        Assert.Equal(ReviewDecision.Edit, outcome.Decision);
        Assert.Equal("renamed", outcome.Note);
        Assert.Equal(item.Id, outcome.ReviewId);
        Assert.NotNull(outcome.OriginalSource);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new HumanReviewResearcher(_inner, new HumanReviewOptions { Folder = _root, PollInterval = TimeSpan.Zero }));

        Assert.Contains("PollInterval", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new HumanReviewResearcher(_inner, new HumanReviewOptions()));
    }

    [Fact]
    public void WriteDecision_UnknownItem_ThrowsNamingIt()
    {
        var folder = new ReviewFolder(_root);

        var error = Assert.Throws<DirectoryNotFoundException>(() => folder.WriteDecision("nope", ReviewDecision.Approve));

        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => folder.WriteDecision("../escape", ReviewDecision.Approve));
    }

    private HumanReviewResearcher Create(ReviewTimeoutPolicy policy = ReviewTimeoutPolicy.Fail) => new(
        _inner,
        new HumanReviewOptions { Folder = _root, Timeout = TimeSpan.FromMinutes(10), PollInterval = TimeSpan.FromSeconds(1), TimeoutPolicy = policy },
        _time);

    /// <summary>Moves the fake clock on until the researcher has read the folder and finished.</summary>
    private async Task<Proposal> CompleteAsync(Task<Proposal> task, TimeSpan? advance = null)
    {
        var step = advance ?? TimeSpan.FromSeconds(1);
        var deadline = DateTime.UtcNow + Guard;
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            _time.Advance(step);
            await Task.WhenAny(task, Task.Delay(20));
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(1));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "The condition did not hold in time.");
    }
}
