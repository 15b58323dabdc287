using System.Text.Json;
using AsiArch.Sdk.Discovery.Events;

namespace AsiArch.Sdk.Discovery;

/// <summary>Seeds and human baselines: measured locally per profile and seed, their reference cached in run values.</summary>
internal sealed partial class DiscoveryRun
{
    private List<(SeedArchitecture Architecture, ExperimentKind Kind)> Architectures()
    {
        var catalog = _loop.SeedCatalog.All;
        SeedArchitecture Find(string name) =>
            catalog.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"'{name}' is not in the seed catalog. Known architectures: {string.Join(", ", catalog.Select(a => a.Name))}.");

        var seeds = _options.Seeds.Select(Find).ToList();
        var baselines = _options.Baselines is { } names
            ? names.Select(Find).ToList()
            : catalog.Where(a => !seeds.Contains(a)).ToList();
        var list = seeds.Select(a => (a, ExperimentKind.Seed))
            .Concat(baselines.Where(b => !seeds.Contains(b)).Select(a => (a, ExperimentKind.Baseline)))
            .ToList();
        if (!list.Any(x => string.Equals(x.Item1.Name, ReferenceName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"The reference baseline '{ReferenceName}' is neither a seed nor a baseline of the run.");
        }

        return list;
    }

    /// <summary>
    /// Creates (once) and measures every seed and baseline on the profile for each seed, the reference first.
    /// False when a reference could not be measured (or the run was stopped first).
    /// </summary>
    private async Task<bool> MeasureReferencesAsync(TrainingProfile profile, IReadOnlyList<int> seeds)
    {
        var existing = await _store.QueryAsync(
            new ExperimentQuery { Kinds = [ExperimentKind.Seed, ExperimentKind.Baseline], ProfileName = profile.Name },
            _abort).ConfigureAwait(false);
        var references = new List<ExperimentRecord>();
        var others = new List<ExperimentRecord>();
        foreach (var seed in seeds)
        {
            foreach (var (architecture, kind) in Architectures())
            {
                var record = existing.FirstOrDefault(r => r.Seed == seed && r.Kind == kind && string.Equals(r.Name, architecture.Name, StringComparison.OrdinalIgnoreCase));
                if (record is null)
                {
                    record = await _store.CreateAsync(
                        new ExperimentDraft
                        {
                            Name = architecture.Name,
                            Kind = kind,
                            Motivation = architecture.Description,
                            Program = architecture.Source,
                            ProfileName = profile.Name,
                            Seed = seed,
                        },
                        CancellationToken.None).ConfigureAwait(false);
                    Emit(new ExperimentProposedEvent { Experiment = record });
                }

                (string.Equals(architecture.Name, ReferenceName, StringComparison.OrdinalIgnoreCase) ? references : others).Add(record);
            }
        }

        await Task.WhenAll(references.Select(r => GuardAsync(r, "reference", x => AdvanceAsync(x, profile)))).ConfigureAwait(false);
        foreach (var seed in seeds)
        {
            if (await GetReferenceAsync(profile, seed).ConfigureAwait(false) is null)
            {
                return false;
            }
        }

        await Task.WhenAll(others.Select(r => GuardAsync(r, "baseline", x => AdvanceAsync(x, profile)))).ConfigureAwait(false);
        return true;
    }

    /// <summary>Seeds and baselines of a profile and seed that finished (what researchers, judges and analysts compare with).</summary>
    private async Task<IReadOnlyList<ExperimentRecord>> CompletedReferencesAsync(TrainingProfile profile, int seed) =>
        (await _store.QueryAsync(
            new ExperimentQuery { Kinds = [ExperimentKind.Seed, ExperimentKind.Baseline], ProfileName = profile.Name, Statuses = [ExperimentStatus.Done] },
            _abort).ConfigureAwait(false))
        .Where(r => r.Seed == seed)
        .ToList();

    /// <summary>
    /// The reference for fitness on a profile and seed: cached in memory, then in the run values, else measured from the
    /// reference record's result (its loss and benchmark mean as the scorer computes them). Null while unmeasured.
    /// </summary>
    private async Task<BaselineReference?> GetReferenceAsync(TrainingProfile profile, int seed)
    {
        var key = RunValueKeys.Baseline(profile.Name, seed, ReferenceName);
        if (_references.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (await _store.GetRunValueAsync(key, _abort).ConfigureAwait(false) is { } json)
        {
            var stored = JsonSerializer.Deserialize<BaselineReference>(json);
            if (stored is not null)
            {
                return _references.GetOrAdd(key, stored);
            }
        }

        var record = (await _store.QueryAsync(
                new ExperimentQuery { Kinds = [ExperimentKind.Seed, ExperimentKind.Baseline], ProfileName = profile.Name },
                _abort).ConfigureAwait(false))
            .FirstOrDefault(r => r.Seed == seed && r.Result is not null && r.Status != ExperimentStatus.Failed &&
                                 string.Equals(r.Name, ReferenceName, StringComparison.OrdinalIgnoreCase));
        if (record is null)
        {
            return null;
        }

        // Score the reference against a unit placeholder only to read its raw loss and benchmark mean.
        var probe = await _loop.FitnessScorer.ScoreAsync(
            new FitnessRequest
            {
                Result = record.Result!,
                Profile = profile,
                Baseline = new BaselineReference { Name = ReferenceName, Loss = 1, BenchmarkScore = 1 },
                Experiment = record,
            },
            _abort).ConfigureAwait(false);
        if (probe.Score is not { } score)
        {
            return null;
        }

        var reference = new BaselineReference { Name = record.Name, Loss = score.Loss, BenchmarkScore = score.BenchmarkScore, ProfileName = profile.Name, Seed = seed };
        await _store.SetRunValueAsync(key, JsonSerializer.Serialize(reference), CancellationToken.None).ConfigureAwait(false);
        return _references.GetOrAdd(key, reference);
    }
}
