using System.Collections.Concurrent;
using System.Globalization;

namespace AsiArch.Sdk.Discovery;

/// <summary>
/// Cooperation with other loop processes on a store that offers <see cref="IExperimentCoordination"/>: every experiment
/// this run works on is leased to it (heart-beaten every third of <see cref="DiscoveryOptions.LeaseDuration"/>), rounds
/// come from a shared counter, and references, pool updates and promotion run under run-wide locks. Without
/// coordination every method here is a no-op or the single-process behaviour.
/// </summary>
internal sealed partial class DiscoveryRun
{
    private const string RoundCounter = "discovery.round";

    private static readonly ExperimentQuery UnfinishedCandidates = new()
    {
        Kinds = [ExperimentKind.Candidate],
        Statuses =
        [
            ExperimentStatus.Proposed, ExperimentStatus.Implemented, ExperimentStatus.Validated,
            ExperimentStatus.Training, ExperimentStatus.Evaluated, ExperimentStatus.Analyzed,
        ],
    };

    private readonly IExperimentCoordination? _coordination;

    // Unique per run: a restarted process never mistakes its predecessor's leases for its own.
    private readonly string _owner = string.Create(
        CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    private readonly ConcurrentDictionary<long, byte> _held = new();
    private long _lastRecovery;

    public async Task ExecuteAsync()
    {
        if (_coordination is null)
        {
            await ExecuteCoreAsync().ConfigureAwait(false);
            return;
        }

        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = Task.Run(() => HeartbeatAsync(heartbeatStop.Token), CancellationToken.None);
        try
        {
            await ExecuteCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            // Unfinished work left by a stop or an abort is free for the other processes (or the next run) at once.
            await _coordination.ReleaseLeasesAsync(_owner, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<IAsyncDisposable?> LockAsync(string name) =>
        _coordination is null ? null : await _coordination.LockAsync(name, _abort).ConfigureAwait(false);

    private async Task<ExperimentRecord> CreateCandidateAsync(ExperimentDraft draft)
    {
        if (_coordination is null)
        {
            return await _store.CreateAsync(draft, CancellationToken.None).ConfigureAwait(false);
        }

        // Created and leased in one transaction: no other process can claim it in between.
        var record = await _coordination.CreateLeasedAsync(draft, _owner, _options.LeaseDuration, CancellationToken.None).ConfigureAwait(false);
        _held[record.Index] = 0;
        return record;
    }

    private async Task<int> NextRoundAsync()
    {
        if (_coordination is null)
        {
            return ++_lastRound;
        }

        var round = (int)await _coordination.NextValueAsync(RoundCounter, _lastRound, _abort).ConfigureAwait(false);
        _lastRound = round;
        return round;
    }

    private void Hold(IEnumerable<ExperimentRecord> claimed)
    {
        foreach (var record in claimed)
        {
            _held[record.Index] = 0;
        }
    }

    private void Released(long index) => _held.TryRemove(index, out _);

    /// <summary>Every half lease, takes over the unfinished experiments whose holder stopped heart-beating.</summary>
    private async Task RecoverExpiredAsync()
    {
        if (_coordination is null || _loop.Time.GetElapsedTime(Interlocked.Read(ref _lastRecovery)) < _options.LeaseDuration / 2)
        {
            return;
        }

        Interlocked.Exchange(ref _lastRecovery, _loop.Time.GetTimestamp());
        await TakeOverAsync().ConfigureAwait(false);
    }

    /// <summary>Claims expired experiments and advances each in the background; returns how many.</summary>
    private async Task<int> TakeOverAsync()
    {
        var claimed = (await _coordination!.ClaimAsync(UnfinishedCandidates, _owner, _options.LeaseDuration, 64, _abort).ConfigureAwait(false))
            .Where(r => !_held.ContainsKey(r.Index))
            .ToList();
        if (claimed.Count == 0)
        {
            return 0;
        }

        DiscoveryLog.TookOver(Logger, claimed.Count);
        Hold(claimed);
        foreach (var record in claimed)
        {
            Track(GuardAsync(record, "resume", r => AdvanceAsync(r, Profile)));
        }

        return claimed.Count;
    }

    /// <summary>
    /// After the budget: waits until every candidate on the store is finished, by its live holder or by this run taking
    /// over those whose holder died, so the run ends with each experiment terminal exactly once.
    /// </summary>
    private async Task FinishOthersAsync()
    {
        if (_coordination is null)
        {
            return;
        }

        while (!_stop.IsCancellationRequested)
        {
            var taken = await TakeOverAsync().ConfigureAwait(false);
            await DrainBackgroundAsync().ConfigureAwait(false);
            if (taken > 0)
            {
                continue;
            }

            var open = await _store.QueryAsync(UnfinishedCandidates, _abort).ConfigureAwait(false);
            if (open.All(r => _held.ContainsKey(r.Index)))
            {
                // Nothing left, or only what this run already tried and could not finish (it stays for a later run).
                return;
            }

            try
            {
                await Task.Delay(_options.LeaseDuration / 3, _loop.Time, _stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<int> CountEvaluatedCandidatesAsync()
    {
        var scored = await _store.QueryAsync(
            new ExperimentQuery { Kinds = [ExperimentKind.Candidate], ProfileName = Profile.Name, ScoredOnly = true },
            CancellationToken.None).ConfigureAwait(false);
        return scored.Count;
    }

    private async Task HeartbeatAsync(CancellationToken stop)
    {
        var period = _options.LeaseDuration / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, _loop.Time, stop).ConfigureAwait(false);
                await _coordination!.RenewLeasesAsync(_owner, _options.LeaseDuration, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A missed beat is retried; the lease only lapses after three in a row.
                DiscoveryLog.HeartbeatFailed(Logger, ex, _owner);
            }
        }
    }
}
