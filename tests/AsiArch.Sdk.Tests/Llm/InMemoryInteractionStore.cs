namespace AsiArch.Sdk.Tests.Llm;

/// <summary>
/// A hand-written experiment store fake that keeps interactions and run values in memory (the LLM agents use only
/// those); the experiment methods keep a simple dictionary.
/// </summary>
internal sealed class InMemoryInteractionStore : IExperimentStore
{
    private readonly List<ModelInteraction> _interactions = [];
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ExperimentRecord> _records = [];

    public IReadOnlyList<ModelInteraction> Interactions
    {
        get { lock (_interactions) { return _interactions.ToList(); } }
    }

    public int FindCalls { get; private set; }

    public Task AppendInteractionAsync(ModelInteraction interaction, CancellationToken cancellationToken = default)
    {
        lock (_interactions)
        {
            _interactions.Add(interaction);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ModelInteraction>> GetInteractionsAsync(long? experimentIndex, CancellationToken cancellationToken = default)
    {
        lock (_interactions)
        {
            return Task.FromResult<IReadOnlyList<ModelInteraction>>(_interactions.Where(i => i.ExperimentIndex == experimentIndex).ToList());
        }
    }

    public Task<ModelInteraction?> FindInteractionAsync(string requestHash, CancellationToken cancellationToken = default)
    {
        FindCalls++;
        lock (_interactions)
        {
            return Task.FromResult(_interactions.LastOrDefault(i => i.RequestHash == requestHash));
        }
    }

    public Task<string?> GetRunValueAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_values.TryGetValue(key, out var value) ? value : null);

    public Task SetRunValueAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        _values[key] = value;
        return Task.CompletedTask;
    }

    public Task<ExperimentRecord> CreateAsync(ExperimentDraft draft, CancellationToken cancellationToken = default)
    {
        var record = new ExperimentRecord { Index = _records.Count + 1, Name = draft.Name, Motivation = draft.Motivation, Program = draft.Program, Parent = draft.Parent };
        _records[record.Index] = record;
        return Task.FromResult(record);
    }

    public Task<ExperimentRecord?> GetAsync(long index, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.TryGetValue(index, out var r) ? r : null);

    public Task<ExperimentRecord> UpdateAsync(ExperimentRecord record, CancellationToken cancellationToken = default)
    {
        _records[record.Index] = record;
        return Task.FromResult(record);
    }

    public Task<IReadOnlyList<ExperimentRecord>> QueryAsync(ExperimentQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExperimentRecord>>(_records.Values.OrderBy(r => r.Index).ToList());

    public Task<IReadOnlyDictionary<ExperimentStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<ExperimentStatus, int>>(_records.Values.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count()));

    public Task<IReadOnlyList<ExperimentRecord>> GetChildrenAsync(long index, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExperimentRecord>>(_records.Values.Where(r => r.Parent == index).ToList());

    public Task<IReadOnlyList<ExperimentRecord>> GetPathToRootAsync(long index, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExperimentRecord>>(_records.TryGetValue(index, out var r) ? [r] : []);

    public Task<IReadOnlyList<ExperimentRecord>> GetSiblingsAsync(long index, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExperimentRecord>>([]);

    public Task<IReadOnlyList<ExperimentRecord>> GetRankRangeAsync(int fromRank, int toRank, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExperimentRecord>>([]);

    public Task<IReadOnlyList<ExperimentRecord>> SearchMotivationsAsync(string text, int count = 5, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExperimentRecord>>([]);

    public Task<IReadOnlyList<long>> GetPoolAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<long>>([]);

    public Task SetPoolAsync(IReadOnlyList<long> indexes, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
}
