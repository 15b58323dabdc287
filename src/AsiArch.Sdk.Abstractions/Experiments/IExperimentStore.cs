namespace AsiArch.Sdk;

/// <summary>
/// Durable store of experiments, their lineage, the candidate pool, model interactions and run state.
/// </summary>
/// <remarks>
/// Implementations are safe for concurrent use by several loops and processes on one database: index allocation is
/// atomic and every write is committed durably before the method returns.
/// </remarks>
public interface IExperimentStore : IAsiArchComponent
{
    /// <summary>Stores a new experiment in <see cref="ExperimentStatus.Proposed"/> and returns it with its allocated index.</summary>
    Task<ExperimentRecord> CreateAsync(ExperimentDraft draft, CancellationToken cancellationToken = default);

    /// <summary>The experiment with that index, or null.</summary>
    Task<ExperimentRecord?> GetAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored experiment with <paramref name="record"/> (matched by index), checking the status
    /// transition with <see cref="ExperimentLifecycle.CanTransition"/>, and returns what was stored (new UpdatedAt).
    /// </summary>
    /// <exception cref="InvalidStateTransitionException">The transition is not allowed; nothing is written.</exception>
    /// <exception cref="KeyNotFoundException">No experiment has that index.</exception>
    Task<ExperimentRecord> UpdateAsync(ExperimentRecord record, CancellationToken cancellationToken = default);

    /// <summary>Experiments matching the query.</summary>
    Task<IReadOnlyList<ExperimentRecord>> QueryAsync(ExperimentQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts by status.</summary>
    Task<IReadOnlyDictionary<ExperimentStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Direct children of an experiment, by index.</summary>
    Task<IReadOnlyList<ExperimentRecord>> GetChildrenAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>The experiment and its ancestors, from it up to the root.</summary>
    Task<IReadOnlyList<ExperimentRecord>> GetPathToRootAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>Other children of the experiment's parent.</summary>
    Task<IReadOnlyList<ExperimentRecord>> GetSiblingsAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>
    /// Experiments ranked <paramref name="fromRank"/>..<paramref name="toRank"/> (1-based, inclusive) by fitness among
    /// scored candidates and seeds.
    /// </summary>
    Task<IReadOnlyList<ExperimentRecord>> GetRankRangeAsync(int fromRank, int toRank, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="count"/> experiments whose motivations best match <paramref name="text"/>, best first.</summary>
    Task<IReadOnlyList<ExperimentRecord>> SearchMotivationsAsync(string text, int count = 5, CancellationToken cancellationToken = default);

    /// <summary>The indexes of the candidate pool, best first.</summary>
    Task<IReadOnlyList<long>> GetPoolAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the candidate pool atomically.</summary>
    Task SetPoolAsync(IReadOnlyList<long> indexes, CancellationToken cancellationToken = default);

    /// <summary>Appends a model interaction.</summary>
    Task AppendInteractionAsync(ModelInteraction interaction, CancellationToken cancellationToken = default);

    /// <summary>Interactions of an experiment (null: run-level ones), oldest first.</summary>
    Task<IReadOnlyList<ModelInteraction>> GetInteractionsAsync(long? experimentIndex, CancellationToken cancellationToken = default);

    /// <summary>The recorded interaction with this request hash, or null (the replay cache).</summary>
    Task<ModelInteraction?> FindInteractionAsync(string requestHash, CancellationToken cancellationToken = default);

    /// <summary>A run-level value (e.g. <c>stopReason</c>, cached baseline references), or null.</summary>
    Task<string?> GetRunValueAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets a run-level value.</summary>
    Task SetRunValueAsync(string key, string? value, CancellationToken cancellationToken = default);
}
