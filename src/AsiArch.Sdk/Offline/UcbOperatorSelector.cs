namespace AsiArch.Sdk.Offline;

/// <summary>
/// UCB1 over evolution operators: untried operators first (in seeded random order), then the highest
/// mean gain + c·sqrt(2 ln N / n). Ties break on the seeded random source, so a run is reproducible.
/// </summary>
public static class UcbOperatorSelector
{
    /// <summary>Chooses one of <paramref name="allowed"/>.</summary>
    public static EvolutionOperator Choose(OperatorStatistics stats, IReadOnlyList<EvolutionOperator> allowed, double explorationConstant, Random random)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(random);
        if (allowed.Count == 0)
        {
            throw new ArgumentException("At least one operator must be allowed.", nameof(allowed));
        }

        var untried = allowed.Where(o => stats.Count(o) == 0).ToList();
        if (untried.Count > 0)
        {
            return untried[random.Next(untried.Count)];
        }

        var total = Math.Max(1, allowed.Sum(stats.Count));
        var best = double.NegativeInfinity;
        var winners = new List<EvolutionOperator>();
        foreach (var op in allowed)
        {
            var value = stats.MeanReward(op) + (explorationConstant * Math.Sqrt(2 * Math.Log(total) / stats.Count(op)));
            if (value > best + 1e-12)
            {
                best = value;
                winners.Clear();
                winners.Add(op);
            }
            else if (Math.Abs(value - best) <= 1e-12)
            {
                winners.Add(op);
            }
        }

        return winners[random.Next(winners.Count)];
    }
}
