namespace AsiArch.Sdk.Discovery;

/// <summary>Run-level values the loop keeps in the experiment store.</summary>
public static class RunValueKeys
{
    /// <summary>Why the last run stopped (a <see cref="Discovery.StopReason"/> name); cleared while a run is active.</summary>
    public const string StopReason = "stopReason";

    /// <summary>Exploration profile name of the run.</summary>
    public const string Profile = "discovery.profile";

    /// <summary>Run seed.</summary>
    public const string Seed = "discovery.seed";

    /// <summary>Experiment budget of the run, when one was set.</summary>
    public const string MaxExperiments = "discovery.maxExperiments";

    /// <summary>Number of evaluated candidates at the last pool update.</summary>
    public const string PoolUpdatedAt = "discovery.poolUpdatedAt";

    /// <summary>The cached baseline reference (JSON <see cref="BaselineReference"/>) of a profile, seed and baseline.</summary>
    public static string Baseline(string profile, int seed, string name) => $"baseline:{profile}:{seed}:{name}";

    /// <summary>The verification outcome (JSON <see cref="PromotionOutcome"/>) of a promoted candidate.</summary>
    public static string Promotion(long index) => $"promotion:{index}";
}
