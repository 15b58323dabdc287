using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Telemetry;
using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Discovery;

/// <summary>One execution of <see cref="DiscoveryLoop.RunAsync(DiscoveryRequest, CancellationToken)"/>: orchestration.</summary>
internal sealed partial class DiscoveryRun
{
    private readonly DiscoveryLoop _loop;
    private readonly DiscoveryRequest _request;
    private readonly ChannelWriter<DiscoveryEvent> _events;
    private readonly CancellationToken _stop;
    private readonly CancellationToken _abort;
    private readonly DiscoveryOptions _options;
    private readonly IExperimentStore _store;
    private readonly SlotPlan _slots;
    private readonly SemaphoreSlim _slotGate;
    private readonly SemaphoreSlim _poolGate = new(1, 1);
    private readonly RunBudget _budget = new();
    private readonly ConcurrentDictionary<string, BaselineReference> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fingerprints = new(StringComparer.Ordinal);
    private readonly Lock _fingerprintGate = new();
    private readonly ConcurrentBag<Task> _background = [];
    private readonly int? _maxExperiments;
    private readonly PoolSchedule _schedule;
    private readonly long _startTimestamp;
    private int _lastRound;
    private string? _modelBudgetSpent;
    private int _evaluatedCandidates;

    public DiscoveryRun(DiscoveryLoop loop, DiscoveryRequest request, ChannelWriter<DiscoveryEvent> events, CancellationToken stop, CancellationToken abort)
    {
        _loop = loop;
        _request = request;
        _events = events;
        _stop = stop;
        _abort = abort;
        _options = loop.Options;
        _store = loop.Store;
        _slots = SlotPlan.For(Environment.ProcessorCount, _options.TrainingSlots, _options.ThreadsPerSlot);
        _slotGate = new SemaphoreSlim(_slots.Slots, _slots.Slots);
        _maxExperiments = request.MaxExperiments ?? _options.MaxExperiments;
        _schedule = PoolSchedule.For(_options, _maxExperiments);
        _startTimestamp = loop.Time.GetTimestamp();
        _coordination = loop.Store.GetService<IExperimentCoordination>();
    }

    private TrainingProfile Profile => _request.Profile;

    private ILogger Logger => _loop.Logger;

    private string ReferenceName => _options.ReferenceBaseline ?? _options.Seeds[0];

    private async Task ExecuteCoreAsync()
    {
        using var activity = AsiArchMetrics.ActivitySource.StartActivity("asiarch.run");
        activity?.SetTag("asiarch.profile", Profile.Name);
        activity?.SetTag("asiarch.seed", _request.Seed);
        StopReason reason;
        try
        {
            reason = await RunPhasesAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            reason = StopReason.Aborted;
        }
        catch (Exception ex)
        {
            DiscoveryLog.RunError(Logger, ex);
            await _store.SetRunValueAsync(RunValueKeys.StopReason, StopReason.Error.ToString(), CancellationToken.None).ConfigureAwait(false);
            _events.TryComplete(ex);
            return;
        }

        // Work already started keeps running on an abort only until its token fires; wait for it so nothing writes after the stop is recorded.
        await DrainBackgroundAsync().ConfigureAwait(false);
        await _store.SetRunValueAsync(RunValueKeys.StopReason, reason.ToString(), CancellationToken.None).ConfigureAwait(false);
        DiscoveryLog.RunStopped(Logger, reason);
        activity?.SetTag("asiarch.stop_reason", reason.ToString());
        Emit(new RunStoppedEvent { Reason = reason });
        _events.TryComplete();
    }

    private async Task<StopReason> RunPhasesAsync()
    {
        DiscoveryLog.RunStarted(Logger, Profile.Name, _request.Seed, _slots.Slots, _slots.ThreadsPerSlot);
        await StartRunAsync().ConfigureAwait(false);
        // With several loop processes on one store, one measures the references and seeds the pool; the others wait and find them done.
        await using (await LockAsync("references").ConfigureAwait(false))
        {
            if (!await MeasureReferencesAsync(Profile, [_request.Seed]).ConfigureAwait(false))
            {
                return _stop.IsCancellationRequested ? StopReason.Cancelled : StopReason.BaselineFailed;
            }

            await EnsureInitialPoolAsync().ConfigureAwait(false);
        }

        var reason = await ExploreAsync().ConfigureAwait(false);
        if (reason is not StopReason.Cancelled && !_stop.IsCancellationRequested && _request.Promote && _options.PromotionTopK > 0)
        {
            await using (await LockAsync("promotion").ConfigureAwait(false))
            {
                await PromoteAsync().ConfigureAwait(false);
            }
        }

        return _stop.IsCancellationRequested ? StopReason.Cancelled : reason;
    }

    /// <summary>Records the run's settings, clears the last stop reason and loads totals and fingerprints.</summary>
    private async Task StartRunAsync()
    {
        await _store.SetRunValueAsync(RunValueKeys.StopReason, null, CancellationToken.None).ConfigureAwait(false);
        await _store.SetRunValueAsync(RunValueKeys.Profile, Profile.Name, CancellationToken.None).ConfigureAwait(false);
        await _store.SetRunValueAsync(RunValueKeys.Seed, _request.Seed.ToString(CultureInfo.InvariantCulture), CancellationToken.None).ConfigureAwait(false);
        if (_maxExperiments is { } max)
        {
            await _store.SetRunValueAsync(RunValueKeys.MaxExperiments, max.ToString(CultureInfo.InvariantCulture), CancellationToken.None).ConfigureAwait(false);
        }

        var all = await _store.QueryAsync(new ExperimentQuery(), _abort).ConfigureAwait(false);
        foreach (var r in all)
        {
            _budget.Add(ExperimentCosts.None, r.Costs);
            if (r.Kind == ExperimentKind.Candidate)
            {
                _lastRound = Math.Max(_lastRound, (int)(RecordProperties.GetLong(r, RecordProperties.Round) ?? 0));
                if (r.Fitness is not null && r.ProfileName == Profile.Name)
                {
                    _evaluatedCandidates++;
                }
            }

            if (r.Kind != ExperimentKind.Promotion && r.Probes?.Fingerprint is { } fp && r.Status >= ExperimentStatus.Validated
                && r.Failure?.Kind != FailureKind.Duplicate)
            {
                _fingerprints.TryAdd(fp, r.Index);
            }
        }
    }

    private async Task<StopReason> ExploreAsync()
    {
        // Alone on the store every unfinished experiment is ours to resume; beside other loop processes only those we
        // could lease (none holds them, or their holder stopped heart-beating).
        var unfinished = _coordination is null
            ? await _store.QueryAsync(UnfinishedCandidates, _abort).ConfigureAwait(false)
            : await _coordination.ClaimAsync(UnfinishedCandidates, _owner, _options.LeaseDuration, int.MaxValue, _abort).ConfigureAwait(false);
        if (_coordination is not null)
        {
            Hold(unfinished);
        }

        if (unfinished.Count > 0)
        {
            DiscoveryLog.Resuming(Logger, unfinished.Count);
        }

        var queue = Channel.CreateBounded<(ExperimentRecord Record, CandidateArtifact Artifact)>(
            new BoundedChannelOptions(_options.QueueCapacity ?? _slots.Slots) { SingleWriter = true });
        var consumers = Enumerable.Range(0, _slots.Slots)
            .Select(_ => Task.Run(() => ConsumeAsync(queue.Reader), CancellationToken.None))
            .ToArray();
        StopReason reason;
        try
        {
            foreach (var open in await FindOpenRoundsAsync(_coordination is null ? null : unfinished.Select(r => r.Index).ToHashSet()).ConfigureAwait(false))
            {
                if (_stop.IsCancellationRequested)
                {
                    break;
                }

                var proposed = await GuardRoundAsync(open.Round, open).ConfigureAwait(false);
                if (proposed is not null && await GuardPrepareAsync(proposed, Profile).ConfigureAwait(false) is { } p)
                {
                    await queue.Writer.WriteAsync(p, _abort).ConfigureAwait(false);
                }
            }

            foreach (var record in unfinished)
            {
                if (_stop.IsCancellationRequested)
                {
                    break;
                }

                if (record.Status == ExperimentStatus.Proposed && RecordProperties.GetString(record, RecordProperties.Novelty) is null)
                {
                    // Handled with its round above.
                    continue;
                }

                if (record.Status is ExperimentStatus.Evaluated or ExperimentStatus.Analyzed ||
                    (record.Status == ExperimentStatus.Training && record.Result is not null))
                {
                    Track(GuardAsync(record, "finish", r => FinishAfterTrainingAsync(r, Profile)));
                    continue;
                }

                var prepared = await GuardPrepareAsync(record, Profile).ConfigureAwait(false);
                if (prepared is { } p)
                {
                    await queue.Writer.WriteAsync(p, _abort).ConfigureAwait(false);
                }
            }

            reason = await ProduceAsync(queue.Writer).ConfigureAwait(false);
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(consumers).ConfigureAwait(false);
        await DrainBackgroundAsync().ConfigureAwait(false);
        if (reason is not StopReason.Cancelled)
        {
            await FinishOthersAsync().ConfigureAwait(false);
        }

        return reason;
    }

    /// <summary>Proposes while the budget allows: one round at a time, so proposals overlap earlier trainings.</summary>
    private async Task<StopReason> ProduceAsync(ChannelWriter<(ExperimentRecord, CandidateArtifact)> queue)
    {
        while (true)
        {
            if (_stop.IsCancellationRequested)
            {
                return StopReason.Cancelled;
            }

            if (_budget.Check(_options, _maxExperiments, _lastRound, _loop.Time.GetElapsedTime(_startTimestamp)) is { } used)
            {
                DiscoveryLog.BudgetReached(Logger, used.Reason, used.Detail);
                Emit(new BudgetReachedEvent { Reason = used.Reason, Detail = used.Detail });
                return used.Reason;
            }

            if (_modelBudgetSpent is { } spent)
            {
                // The researcher's own model budget is gone: every further round would fail the same way.
                DiscoveryLog.BudgetReached(Logger, StopReason.ModelBudget, spent);
                Emit(new BudgetReachedEvent { Reason = StopReason.ModelBudget, Detail = spent });
                return StopReason.ModelBudget;
            }

            await RecoverExpiredAsync().ConfigureAwait(false);
            var round = await NextRoundAsync().ConfigureAwait(false);
            if (_maxExperiments is { } max && round > max)
            {
                // Other loop processes on the store used the remaining rounds.
                var detail = $"{round - 1} of {max} experiments";
                DiscoveryLog.BudgetReached(Logger, StopReason.MaxExperiments, detail);
                Emit(new BudgetReachedEvent { Reason = StopReason.MaxExperiments, Detail = detail });
                return StopReason.MaxExperiments;
            }

            var record = await GuardRoundAsync(round, null).ConfigureAwait(false);
            if (record is null)
            {
                continue;
            }

            var prepared = await GuardPrepareAsync(record, Profile).ConfigureAwait(false);
            if (prepared is { } p)
            {
                await queue.WriteAsync(p, _abort).ConfigureAwait(false);
            }
        }
    }

    private async Task ConsumeAsync(ChannelReader<(ExperimentRecord Record, CandidateArtifact Artifact)> queue)
    {
        await foreach (var (record, artifact) in queue.ReadAllAsync(_abort).ConfigureAwait(false))
        {
            if (_stop.IsCancellationRequested)
            {
                // Left Validated: the next run trains it.
                continue;
            }

            var trained = await GuardAsync(record, "train", r => TrainAsync(r, artifact, Profile)).ConfigureAwait(false);
            if (trained is { Status: ExperimentStatus.Training, Result: not null })
            {
                // Scoring and analysis (model calls) run outside the slot so the next training starts at once.
                Track(GuardAsync(trained, "finish", r => FinishAfterTrainingAsync(r, Profile)));
            }
        }
    }

    /// <summary>Takes a record through every remaining step (seeds, baselines, promotions, resumed work).</summary>
    private async Task<ExperimentRecord> AdvanceAsync(ExperimentRecord record, TrainingProfile profile)
    {
        if (ExperimentLifecycle.IsTerminal(record.Status))
        {
            return record;
        }

        if (record.Status < ExperimentStatus.Training || record.Result is null)
        {
            var prepared = await PrepareAsync(record, profile).ConfigureAwait(false);
            if (prepared is not { } p)
            {
                return await ReloadAsync(record).ConfigureAwait(false);
            }

            record = await TrainAsync(p.Record, p.Artifact, profile).ConfigureAwait(false);
            if (record.Status != ExperimentStatus.Training || record.Result is null)
            {
                return record;
            }
        }

        return await FinishAfterTrainingAsync(record, profile).ConfigureAwait(false);
    }

    /// <summary>
    /// Rounds a crash cut off: one whose proposal awaits its novelty verdict, or one whose every attempt so far was
    /// rejected as a duplicate with re-plans left.
    /// </summary>
    /// <param name="claimed">With several loop processes: the experiments this one leased; other rounds belong to their holders.</param>
    private async Task<List<OpenRound>> FindOpenRoundsAsync(IReadOnlySet<long>? claimed)
    {
        var candidates = await _store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Candidate], ProfileName = Profile.Name }, _abort).ConfigureAwait(false);
        var open = new List<OpenRound>();
        foreach (var group in candidates.GroupBy(c => RecordProperties.GetLong(c, RecordProperties.Round) ?? 0).OrderBy(g => g.Key))
        {
            var ordered = group.OrderBy(c => c.Index).ToList();
            static bool Rejected(ExperimentRecord r) => r.Status == ExperimentStatus.Failed && RecordProperties.GetString(r, RecordProperties.Novelty) == "duplicate";
            var last = ordered[^1];
            var earlier = ordered.Where(Rejected).Select(r => new RejectedProposal
            {
                Proposal = RecordProperties.ToProposal(r),
                Verdict = new NoveltyVerdict { IsDuplicate = true, Reason = RecordProperties.GetString(r, RecordProperties.NoveltyReason) ?? "" },
            }).ToList();
            var nextAttempt = (int)(RecordProperties.GetLong(last, RecordProperties.Attempt) ?? 0) + 1;
            var pending = ordered.FirstOrDefault(r => r.Status == ExperimentStatus.Proposed && RecordProperties.GetString(r, RecordProperties.Novelty) is null);
            if (claimed is not null && (pending is null || !claimed.Contains(pending.Index)))
            {
                // Its holder finishes it; a round whose every attempt was rejected is not re-planned by another process.
                continue;
            }

            if (pending is not null)
            {
                var after = (int)(RecordProperties.GetLong(pending, RecordProperties.Attempt) ?? 0) + 1;
                open.Add(new OpenRound((int)group.Key, pending.Parent, after, earlier, pending));
            }
            else if (ordered.All(Rejected) && nextAttempt <= _options.MaxReplans)
            {
                open.Add(new OpenRound((int)group.Key, last.Parent, nextAttempt, earlier, null));
            }
        }

        return open;
    }

    private async Task<ExperimentRecord?> GuardRoundAsync(int round, OpenRound? resume)
    {
        try
        {
            return await ProposeRoundAsync(round, resume).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_abort.IsCancellationRequested)
        {
            // A researcher that throws (a contract violation) costs this round, not the run.
            DiscoveryLog.RoleThrew(Logger, ex, 0, $"round {round}");
            if (ex is ExperimentFailureException { Failure.Kind: FailureKind.BudgetExceeded } spent)
            {
                _modelBudgetSpent = spent.Failure.Message;
            }

            if (resume?.Pending is { } pending)
            {
                await FailAfterThrowAsync(pending, "novelty", ex).ConfigureAwait(false);
            }

            return null;
        }
    }

    private async Task<(ExperimentRecord Record, CandidateArtifact Artifact)?> GuardPrepareAsync(ExperimentRecord record, TrainingProfile profile)
    {
        try
        {
            return await PrepareAsync(record, profile).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_abort.IsCancellationRequested)
        {
            await FailAfterThrowAsync(record, "prepare", ex).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Runs one step; a role that throws (a contract violation) fails that experiment, not the run.</summary>
    private async Task<ExperimentRecord?> GuardAsync(ExperimentRecord record, string step, Func<ExperimentRecord, Task<ExperimentRecord>> action)
    {
        try
        {
            return await action(record).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_abort.IsCancellationRequested)
        {
            await FailAfterThrowAsync(record, step, ex).ConfigureAwait(false);
            return null;
        }
    }

    private async Task FailAfterThrowAsync(ExperimentRecord record, string step, Exception ex)
    {
        DiscoveryLog.RoleThrew(Logger, ex, record.Index, step);
        var current = await ReloadAsync(record).ConfigureAwait(false);
        if (!ExperimentLifecycle.IsTerminal(current.Status))
        {
            await FailAsync(current, new ExperimentFailure(FailureKind.RuntimeError, $"{step} threw {ex.GetType().Name}: {ex.Message}")).ConfigureAwait(false);
        }
    }

    private async Task<ExperimentRecord> ReloadAsync(ExperimentRecord record) =>
        await _store.GetAsync(record.Index, CancellationToken.None).ConfigureAwait(false) ?? record;

    private void Track(Task task) => _background.Add(task);

    private async Task DrainBackgroundAsync()
    {
        while (!_background.IsEmpty)
        {
            var tasks = new List<Task>();
            while (_background.TryTake(out var t))
            {
                tasks.Add(t);
            }

            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                // Aborted work stays at its last commit.
            }
        }
    }

    private void Emit(DiscoveryEvent e) => _events.TryWrite(e with { Timestamp = _loop.Time.GetUtcNow() });

    private static int Mix(int a, int b)
    {
        // SplitMix64 finaliser: independent, reproducible streams per (seed, round) whatever the concurrency.
        var x = ((ulong)(uint)a << 32) | (uint)b;
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (int)(x & 0x7FFFFFFF);
    }

    private static Activity? StartSpan(string name, ExperimentRecord record)
    {
        var activity = AsiArchMetrics.ActivitySource.StartActivity(name);
        activity?.SetTag("asiarch.experiment.index", record.Index);
        activity?.SetTag("asiarch.experiment.name", record.Name);
        return activity;
    }
}
