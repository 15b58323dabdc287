using System.Globalization;
using AsiArch.Sdk.Fitness;

namespace AsiArch.Sdk.Discovery;

/// <summary>The candidate pool: seeds during the cold start, then the top N by fitness, updated in batches.</summary>
internal sealed partial class DiscoveryRun
{
    private async Task EnsureInitialPoolAsync()
    {
        if ((await _store.GetPoolAsync(_abort).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        var seeds = (await _store.QueryAsync(
                new ExperimentQuery { Kinds = [ExperimentKind.Seed], ProfileName = Profile.Name, Statuses = [ExperimentStatus.Done], OrderBy = ExperimentOrder.FitnessDescending },
                _abort).ConfigureAwait(false))
            .Where(r => r.Seed == _request.Seed)
            .Select(r => r.Index)
            .ToList();
        await _store.SetPoolAsync(seeds, CancellationToken.None).ConfigureAwait(false);
        await MaybeUpdatePoolAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ExperimentRecord>> LoadPoolAsync()
    {
        var indexes = await _store.GetPoolAsync(_abort).ConfigureAwait(false);
        var records = new List<ExperimentRecord>(indexes.Count);
        foreach (var index in indexes)
        {
            if (await _store.GetAsync(index, _abort).ConfigureAwait(false) is { } r)
            {
                records.Add(r);
            }
        }

        return records;
    }

    /// <summary>Replaces the pool with the top N scored candidates and seeds when the schedule says an update is due.</summary>
    private async Task MaybeUpdatePoolAsync()
    {
        await _poolGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            // Beside other loop processes the schedule counts every process's evaluations, and one replaces the pool at a time.
            await using var runLock = await LockAsync("pool").ConfigureAwait(false);
            var evaluated = _coordination is null ? Volatile.Read(ref _evaluatedCandidates) : await CountEvaluatedCandidatesAsync().ConfigureAwait(false);
            var last = await _store.GetRunValueAsync(RunValueKeys.PoolUpdatedAt, CancellationToken.None).ConfigureAwait(false);
            int? lastCount = last is not null && int.TryParse(last, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
            if (!_schedule.IsDue(evaluated, lastCount))
            {
                return;
            }

            var ranked = await _store.QueryAsync(
                new ExperimentQuery
                {
                    Kinds = [ExperimentKind.Candidate, ExperimentKind.Seed],
                    ProfileName = Profile.Name,
                    ScoredOnly = true,
                    Statuses = [ExperimentStatus.Evaluated, ExperimentStatus.Analyzed, ExperimentStatus.Done],
                    OrderBy = ExperimentOrder.FitnessDescending,
                },
                CancellationToken.None).ConfigureAwait(false);
            var pool = ranked
                .Where(r => r.Seed == _request.Seed && (r.Kind == ExperimentKind.Seed || PassesFilter(r)))
                .Take(_options.PoolSize)
                .Select(r => r.Index)
                .ToList();
            await _store.SetPoolAsync(pool, CancellationToken.None).ConfigureAwait(false);
            await _store.SetRunValueAsync(RunValueKeys.PoolUpdatedAt, evaluated.ToString(CultureInfo.InvariantCulture), CancellationToken.None).ConfigureAwait(false);
            DiscoveryLog.PoolUpdated(Logger, pool.Count, evaluated);
        }
        finally
        {
            _poolGate.Release();
        }
    }

    private bool PassesFilter(ExperimentRecord record)
    {
        if (_loop.CandidateFilter is not { } filter || record.Fitness is not { } f)
        {
            return true;
        }

        var j = record.Judgement;
        return filter.Evaluate(new FitnessGlobals
        {
            Loss = f.Loss,
            Benchmark = f.BenchmarkScore,
            RelativeLoss = f.RelativeLossImprovement,
            RelativeBenchmark = f.RelativeBenchmarkImprovement,
            LossComponent = f.LossComponent,
            BenchmarkComponent = f.BenchmarkComponent,
            JudgeComponent = f.JudgeComponent,
            Performance = j?.Performance ?? 0,
            Innovation = j?.Innovation ?? 0,
            Complexity = j?.Complexity ?? 0,
            Parameters = record.Result?.Parameters ?? 0,
            TokensPerSecond = record.Result?.TokensPerSecond ?? 0,
        });
    }
}
