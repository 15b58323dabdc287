namespace AsiArch.Sdk.Discovery;

/// <summary>
/// When the candidate pool is updated. ASI-ARCH explores 200 candidates from the seed before the first update, then
/// updates in batches of 50. For a run with a small experiment budget M (and <see cref="DiscoveryOptions.ScaleScheduleToBudget"/>)
/// the cold start becomes min(ColdStart, max(1, M / 10)) and the interval min(PoolUpdateInterval, max(1, coldStart / 4)),
/// keeping ASI-ARCH's 4:1 ratio so that a 20-experiment run updates its pool after 2 and then after every one.
/// </summary>
/// <param name="ColdStart">Evaluated candidates before the first update.</param>
/// <param name="Interval">Evaluated candidates between updates.</param>
public sealed record PoolSchedule(int ColdStart, int Interval)
{
    /// <summary>The schedule for the options and the run's experiment budget.</summary>
    public static PoolSchedule For(DiscoveryOptions options, int? maxExperiments)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.ScaleScheduleToBudget || maxExperiments is not { } m)
        {
            return new PoolSchedule(options.ColdStart, Math.Max(1, options.PoolUpdateInterval));
        }

        var cold = Math.Min(options.ColdStart, Math.Max(1, m / 10));
        var interval = Math.Min(options.PoolUpdateInterval, Math.Max(1, cold / 4));
        return new PoolSchedule(cold, Math.Max(1, interval));
    }

    /// <summary>
    /// True when a pool update is due: at least <see cref="ColdStart"/> candidates are evaluated and
    /// <see cref="Interval"/> more than at the last update (or none was made yet).
    /// </summary>
    public bool IsDue(int evaluated, int? evaluatedAtLastUpdate) =>
        evaluated >= ColdStart && (evaluatedAtLastUpdate is not { } last || last < ColdStart || evaluated - last >= Interval);
}
