using System.Text.Json;
using AsiArch.Sdk.Discovery.Events;

namespace AsiArch.Sdk.Discovery;

/// <summary>
/// The two-stage protocol: the top-k explored candidates are re-trained on the verification profile with several
/// seeds next to every baseline, and labelled a discovery only when a one-sided Welch t-test across seeds says they
/// beat the best baseline at the configured significance level.
/// </summary>
internal sealed partial class DiscoveryRun
{
    private async Task PromoteAsync()
    {
        var top = await _store.QueryAsync(
            new ExperimentQuery
            {
                Kinds = [ExperimentKind.Candidate],
                ProfileName = Profile.Name,
                Statuses = [ExperimentStatus.Done],
                ScoredOnly = true,
                OrderBy = ExperimentOrder.FitnessDescending,
                Take = _options.PromotionTopK,
            },
            _abort).ConfigureAwait(false);
        if (top.Count == 0)
        {
            return;
        }

        var profile = _request.VerificationProfile ?? ResolveProfile(_options.VerificationProfile);
        var seeds = Enumerable.Range(0, _options.VerificationSeeds).Select(i => _request.Seed + i).ToList();
        if (!await MeasureReferencesAsync(profile, seeds).ConfigureAwait(false) || _stop.IsCancellationRequested)
        {
            return;
        }

        var existing = await _store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Promotion], ProfileName = profile.Name }, _abort).ConfigureAwait(false);
        var promotions = new List<ExperimentRecord>();
        foreach (var candidate in top)
        {
            foreach (var seed in seeds)
            {
                var record = existing.FirstOrDefault(r => r.Parent == candidate.Index && r.Seed == seed);
                if (record is null)
                {
                    record = await _store.CreateAsync(
                        new ExperimentDraft
                        {
                            Name = $"{candidate.Name}@{profile.Name}/seed{seed}",
                            Parent = candidate.Index,
                            Kind = ExperimentKind.Promotion,
                            Motivation = candidate.Motivation,
                            Program = candidate.Program,
                            DesignSpec = candidate.DesignSpec,
                            ProfileName = profile.Name,
                            Seed = seed,
                        },
                        CancellationToken.None).ConfigureAwait(false);
                    Emit(new ExperimentProposedEvent { Experiment = record });
                }

                promotions.Add(record);
            }
        }

        var finished = (await Task.WhenAll(promotions.Select(r => GuardAsync(r, "promotion", x => AdvanceAsync(x, profile)))).ConfigureAwait(false))
            .OfType<ExperimentRecord>()
            .ToList();
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        var references = (await _store.QueryAsync(
                new ExperimentQuery { Kinds = [ExperimentKind.Seed, ExperimentKind.Baseline], ProfileName = profile.Name, Statuses = [ExperimentStatus.Done] },
                _abort).ConfigureAwait(false))
            .Where(r => seeds.Contains(r.Seed))
            .ToList();
        foreach (var candidate in top)
        {
            var outcome = Verify(candidate, profile, finished.Where(r => r.Parent == candidate.Index).ToList(), references);
            await _store.SetRunValueAsync(RunValueKeys.Promotion(candidate.Index), JsonSerializer.Serialize(outcome), CancellationToken.None).ConfigureAwait(false);
            DiscoveryLog.Promoted(Logger, candidate.Index, candidate.Name, outcome.IsDiscovery, outcome.Verdict);
            Emit(new CandidatePromotedEvent { Outcome = outcome });
        }
    }

    private PromotionOutcome Verify(ExperimentRecord candidate, TrainingProfile profile, List<ExperimentRecord> promotions, List<ExperimentRecord> references)
    {
        var metric = _options.VerificationMetric;
        var higherIsBetter = metric != VerificationMetric.Loss;
        double? Value(ExperimentRecord r) => r.Status != ExperimentStatus.Done || r.Fitness is not { } f
            ? null
            : metric switch { VerificationMetric.Loss => f.Loss, VerificationMetric.Fitness => f.Total, _ => f.BenchmarkScore };

        var values = promotions.OrderBy(r => r.Seed).Select(Value).OfType<double>().ToList();
        var best = references
            .GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Name: g.Key, Values: g.OrderBy(r => r.Seed).Select(Value).OfType<double>().ToList()))
            .Where(b => b.Values.Count >= 2)
            .OrderBy(b => higherIsBetter ? -b.Values.Average() : b.Values.Average())
            .FirstOrDefault();
        var outcome = new PromotionOutcome
        {
            CandidateIndex = candidate.Index,
            CandidateName = candidate.Name,
            PromotionIndexes = promotions.Select(p => p.Index).ToList(),
            ProfileName = profile.Name,
            Metric = metric,
            CandidateValues = values,
            BestBaselineName = best.Name,
            BaselineValues = best.Values ?? [],
        };
        if (values.Count < 2 || best.Name is null)
        {
            return outcome with { Verdict = $"Not enough finished seeds for a test ({values.Count} candidate, {best.Values?.Count ?? 0} baseline)." };
        }

        var test = SignificanceTest.WelchOneSided(values, best.Values!, higherIsBetter);
        var discovery = test.PValue < _options.SignificanceLevel;
        var verdict = discovery
            ? $"beats {best.Name} on {metric} (p = {test.PValue:0.####} < {_options.SignificanceLevel})"
            : $"does not beat {best.Name} on {metric} significantly (p = {test.PValue:0.####} >= {_options.SignificanceLevel})";
        return outcome with { Test = test, IsDiscovery = discovery, Verdict = verdict };
    }

    private TrainingProfile ResolveProfile(string name) =>
        string.Equals(name, Profile.Name, StringComparison.OrdinalIgnoreCase) ? Profile : TrainingProfiles.Get(name);
}
