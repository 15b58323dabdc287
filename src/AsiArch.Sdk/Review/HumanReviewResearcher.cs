using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Review;

/// <summary>
/// Puts a scientist in the loop: every proposal of the inner researcher is written to a <see cref="ReviewFolder"/> and
/// waits for approve / edit / reject (or the timeout policy). Approved and edited proposals go on with a
/// <see cref="ReviewOutcome"/> in <see cref="Proposal.AdditionalProperties"/>, which the loop stores on the experiment.
/// A rejected proposal is returned too, marked rejected, and <see cref="CheckNoveltyAsync"/> turns it down, so the loop
/// keeps it as a failed experiment (negative knowledge, with the reviewer's note) and re-plans away from it within its
/// re-plan bound.
/// </summary>
public sealed partial class HumanReviewResearcher : DelegatingResearcher
{
    private readonly HumanReviewOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Rejections by source hash as well, so a caller that rebuilds the proposal without its properties still sees them.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReviewOutcome> _rejected = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="innerResearcher"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public HumanReviewResearcher(IResearcher innerResearcher, HumanReviewOptions options, TimeProvider? timeProvider = null, ILogger<HumanReviewResearcher>? logger = null)
        : base(innerResearcher)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Folder = new ReviewFolder(options.Folder);
    }

    /// <summary>The review folder.</summary>
    public ReviewFolder Folder { get; }

    /// <inheritdoc />
    public override async Task<Proposal> ProposeAsync(ResearchContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var proposal = await InnerResearcher.ProposeAsync(context, cancellationToken).ConfigureAwait(false);
        var id = Folder.Submit(proposal, context.ExperimentIndex, _time.GetUtcNow());
        LogSubmitted(_logger, proposal.Name, id, Folder.PendingDirectory);
        var (decision, note, timedOut) = await WaitForDecisionAsync(id, cancellationToken).ConfigureAwait(false);
        var item = Folder.Read(id)!;
        var outcome = new ReviewOutcome
        {
            ReviewId = id,
            Decision = decision,
            TimedOut = timedOut,
            Note = note,
            DecidedAt = _time.GetUtcNow(),
            ProposedSourceHash = proposal.Source.Hash,
        };

        var reviewed = proposal;
        if (decision == ReviewDecision.Edit || (decision == ReviewDecision.Approve && !timedOut && Changed(proposal, item)))
        {
            // An approval of a changed file is an edit: what trains is what the scientist saw last.
            outcome = outcome with { Decision = ReviewDecision.Edit, OriginalSource = proposal.Source.Code, OriginalMotivation = proposal.Motivation };
            reviewed = proposal with
            {
                Source = proposal.Source with { Code = item.Source },
                Motivation = string.IsNullOrWhiteSpace(item.Motivation) ? proposal.Motivation : item.Motivation.Trim(),
            };
        }

        Folder.Archive(id, outcome);
        if (outcome.Decision == ReviewDecision.Reject)
        {
            _rejected[reviewed.Source.Hash] = outcome;
        }

        LogDecided(_logger, proposal.Name, outcome.Decision, outcome.TimedOut);
        var properties = reviewed.AdditionalProperties is null ? new AdditionalPropertiesDictionary() : new AdditionalPropertiesDictionary(reviewed.AdditionalProperties);
        properties[ReviewOutcome.PropertyKey] = outcome.ToJson();
        return reviewed with { AdditionalProperties = properties };
    }

    /// <inheritdoc />
    public override Task<NoveltyVerdict> CheckNoveltyAsync(Proposal proposal, IReadOnlyList<ExperimentRecord> similar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(similar);
        cancellationToken.ThrowIfCancellationRequested();
        var rejected = ReviewOutcome.TryRead(proposal) ?? _rejected.GetValueOrDefault(proposal.Source.Hash);
        if (rejected is { Decision: ReviewDecision.Reject })
        {
            var why = rejected.TimedOut ? "no decision before the review timeout (policy: reject)" : rejected.Note.Length > 0 ? rejected.Note : "no reason given";
            return Task.FromResult(new NoveltyVerdict { IsDuplicate = true, Reason = $"Rejected by the human reviewer: {why}" });
        }

        return base.CheckNoveltyAsync(proposal, similar, cancellationToken);
    }

    private async Task<(ReviewDecision Decision, string Note, bool TimedOut)> WaitForDecisionAsync(string id, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.Timeout;
        string? lastProblem = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = Folder.ReadDecision(id);
            if (file.Decision is { } decision)
            {
                return (decision, file.Note, false);
            }

            if (file.Problem is { } problem && problem != lastProblem)
            {
                Folder.ReportProblem(id, problem);
                LogProblem(_logger, id, problem);
                lastProblem = problem;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                switch (_options.TimeoutPolicy)
                {
                    case ReviewTimeoutPolicy.Approve:
                        return (ReviewDecision.Approve, "", true);
                    case ReviewTimeoutPolicy.Reject:
                        return (ReviewDecision.Reject, "", true);
                    default:
                        var failure = new ExperimentFailure(
                            FailureKind.Timeout,
                            $"No review decision for '{id}' within {_options.Timeout}; the proposal stays in {Folder.PendingDirectory} (policy: fail).");
                        throw new ExperimentFailureException(failure);
                }
            }

            var wait = deadline - _time.GetUtcNow();
            await Task.Delay(wait < _options.PollInterval ? wait : _options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Changed(Proposal proposal, ReviewItem item) =>
        !string.Equals(Normalize(item.Source), Normalize(proposal.Source.Code), StringComparison.Ordinal)
        || (item.Motivation.Trim().Length > 0 && !string.Equals(item.Motivation.Trim(), proposal.Motivation.Trim(), StringComparison.Ordinal));

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();

    [LoggerMessage(Level = LogLevel.Information, Message = "Proposal {Name} waits for review as {Id} in {Folder}")]
    private static partial void LogSubmitted(ILogger logger, string name, string id, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Proposal {Name} reviewed: {Decision} (timed out: {TimedOut})")]
    private static partial void LogDecided(ILogger logger, string name, ReviewDecision decision, bool timedOut);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review item {Id}: {Problem}")]
    private static partial void LogProblem(ILogger logger, string id, string problem);
}
