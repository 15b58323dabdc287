namespace AsiArch.Sdk.Storage;

/// <summary>Everything an experiment store holds, read in one consistent view: what export writes and import restores.</summary>
public sealed record ExperimentStoreSnapshot
{
    /// <summary>Every experiment, by index.</summary>
    public IReadOnlyList<ExperimentRecord> Experiments { get; init; } = [];

    /// <summary>The candidate pool, best first.</summary>
    public IReadOnlyList<long> Pool { get; init; } = [];

    /// <summary>Every model interaction, oldest first.</summary>
    public IReadOnlyList<ModelInteraction> Interactions { get; init; } = [];

    /// <summary>Run-level values by key.</summary>
    public IReadOnlyDictionary<string, string> RunValues { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
