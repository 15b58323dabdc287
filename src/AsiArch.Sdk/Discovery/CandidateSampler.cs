namespace AsiArch.Sdk.Discovery;

/// <summary>
/// ASI-ARCH's sampling from the candidate pool (best first): the parent uniform from ranks 1..ParentRanks, the
/// references uniform without replacement from ranks ParentRanks+1..PoolSize (all of them when there are no more than
/// ReferenceCount). With <see cref="SelectionStrategy.Uct"/> the parent maximises benchmark score +
/// c·√(ln N / visits) over the whole pool, visits = number of children, N = total visits; a childless member goes first.
/// </summary>
public static class CandidateSampler
{
    /// <summary>Draws a parent and references.</summary>
    /// <param name="pool">Pool members, best first.</param>
    /// <param name="random">The seeded source of randomness.</param>
    /// <param name="options">Ranks, counts and strategy.</param>
    /// <param name="childCounts">Children per pool member (for UCT); missing members count 0.</param>
    public static CandidateSample Sample(
        IReadOnlyList<ExperimentRecord> pool,
        Random random,
        DiscoveryOptions options,
        IReadOnlyDictionary<long, int>? childCounts = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(options);
        if (pool.Count == 0)
        {
            return new CandidateSample(null, []);
        }

        var ranked = pool.Take(options.PoolSize).ToList();
        var parent = options.Selection == SelectionStrategy.Uct
            ? SelectUct(ranked, options.UctExploration, childCounts)
            : ranked[random.Next(Math.Min(options.ParentRanks, ranked.Count))];
        var lower = ranked.Skip(options.ParentRanks).Where(r => r.Index != parent.Index).ToList();
        IReadOnlyList<ExperimentRecord> references = lower.Count <= options.ReferenceCount
            ? lower
            : Choose(lower, options.ReferenceCount, random);
        return new CandidateSample(parent, references);
    }

    /// <summary>The UCT choice: childless members first (by rank), else the highest UCT score (ties by rank).</summary>
    public static ExperimentRecord SelectUct(IReadOnlyList<ExperimentRecord> pool, double exploration, IReadOnlyDictionary<long, int>? childCounts)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (pool.Count == 0)
        {
            throw new ArgumentException("The pool is empty.", nameof(pool));
        }

        int Visits(ExperimentRecord r) => childCounts is not null && childCounts.TryGetValue(r.Index, out var n) ? n : 0;
        var childless = pool.FirstOrDefault(r => Visits(r) == 0);
        if (childless is not null)
        {
            return childless;
        }

        var total = pool.Sum(Visits);
        var best = pool[0];
        var bestScore = double.NegativeInfinity;
        foreach (var r in pool)
        {
            var score = UctScore(r.Fitness?.BenchmarkScore ?? 0, Visits(r), total, exploration);
            if (score > bestScore)
            {
                best = r;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>value + c·√(ln N / visits); +∞ for an unvisited node.</summary>
    public static double UctScore(double value, int visits, int totalVisits, double exploration) =>
        visits <= 0 ? double.PositiveInfinity : value + (exploration * Math.Sqrt(Math.Log(Math.Max(1, totalVisits)) / visits));

    private static List<ExperimentRecord> Choose(List<ExperimentRecord> items, int count, Random random)
    {
        // Partial Fisher-Yates: uniform subset, kept in rank order for a stable prompt.
        var indexes = Enumerable.Range(0, items.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + random.Next(indexes.Length - i);
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
        }

        return indexes.Take(count).Order().Select(i => items[i]).ToList();
    }
}
