namespace AsiArch.Sdk.Offline;

/// <summary>
/// What each evolution operator has earned so far: its uses and mean fitness gain over the parent, rebuilt from stored
/// experiments (their design specs name the operator and parent) so the bandit survives restarts.
/// </summary>
public sealed class OperatorStatistics
{
    private readonly Dictionary<EvolutionOperator, (int Count, double Sum)> _arms = [];

    /// <summary>Total recorded uses over every operator.</summary>
    public int TotalCount => _arms.Values.Sum(a => a.Count);

    /// <summary>Uses of an operator.</summary>
    public int Count(EvolutionOperator op) => _arms.TryGetValue(op, out var a) ? a.Count : 0;

    /// <summary>Mean reward of an operator (0 when unused).</summary>
    public double MeanReward(EvolutionOperator op) => _arms.TryGetValue(op, out var a) && a.Count > 0 ? a.Sum / a.Count : 0;

    /// <summary>Records one use and its reward.</summary>
    public void Record(EvolutionOperator op, double reward)
    {
        if (!double.IsFinite(reward))
        {
            throw new ArgumentOutOfRangeException(nameof(reward), reward, "A reward must be finite.");
        }

        var a = _arms.TryGetValue(op, out var current) ? current : (0, 0.0);
        _arms[op] = (a.Item1 + 1, a.Item2 + reward);
    }

    /// <summary>
    /// Rebuilds the statistics: for each experiment whose design spec names an operator and a parent, the reward is
    /// child fitness − parent fitness; a failed child earns −<paramref name="failurePenalty"/>; unfinished experiments
    /// and children of unscored parents are skipped.
    /// </summary>
    public static OperatorStatistics FromExperiments(IEnumerable<ExperimentRecord> experiments, double failurePenalty)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        var list = experiments.ToList();
        var fitness = list.Where(e => e.Score is not null).GroupBy(e => e.Index).ToDictionary(g => g.Key, g => g.First().Score!.Value);
        var stats = new OperatorStatistics();
        foreach (var e in list.OrderBy(e => e.Index))
        {
            var doc = DesignSpecDocument.TryParse(e.DesignSpec);
            if (doc?.Operator is not { } op || op == EvolutionOperator.RandomSample)
            {
                continue;
            }

            var parentIndex = e.Parent ?? doc.ParentIndex;
            if (parentIndex is null || !fitness.TryGetValue(parentIndex.Value, out var parentFitness))
            {
                continue;
            }

            if (e.Status == ExperimentStatus.Failed)
            {
                stats.Record(op, -failurePenalty);
            }
            else if (e.Score is { } childFitness)
            {
                stats.Record(op, childFitness - parentFitness);
            }
        }

        return stats;
    }
}
