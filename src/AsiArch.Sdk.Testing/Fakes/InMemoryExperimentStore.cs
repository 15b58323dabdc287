namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>
/// A faithful in-memory <see cref="IExperimentStore"/>: atomic index allocation, lifecycle checks on every update,
/// lineage, ranking, a word-overlap motivation search, the candidate pool, model interactions and run values. Useful
/// for tests and for short runs that need no durability. Thread-safe.
/// </summary>
public sealed class InMemoryExperimentStore : IExperimentStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, ExperimentRecord> _records = [];
    private readonly List<ModelInteraction> _interactions = [];
    private readonly Dictionary<string, string> _runValues = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private List<long> _pool = [];
    private long _nextIndex = 1;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">Clock for CreatedAt/UpdatedAt; the system clock when null.</param>
    public InMemoryExperimentStore(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Number of successful <see cref="CreateAsync"/> and <see cref="UpdateAsync"/> calls (commits).</summary>
    public int CommitCount { get; private set; }

    /// <inheritdoc />
    public Task<ExperimentRecord> CreateAsync(ExperimentDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (draft.Parent is { } parent && !_records.ContainsKey(parent))
            {
                throw new ArgumentException($"Parent experiment {parent} does not exist.", nameof(draft));
            }

            var now = _time.GetUtcNow();
            var record = new ExperimentRecord
            {
                Index = _nextIndex++,
                Parent = draft.Parent,
                Name = draft.Name,
                Kind = draft.Kind,
                Status = ExperimentStatus.Proposed,
                Motivation = draft.Motivation,
                Program = draft.Program,
                DesignSpec = draft.DesignSpec,
                ProfileName = draft.ProfileName,
                Seed = draft.Seed,
                Costs = draft.Costs,
                AdditionalProperties = Copy(draft.AdditionalProperties),
                CreatedAt = now,
                UpdatedAt = now,
            };
            _records[record.Index] = record;
            CommitCount++;
            return Task.FromResult(record);
        }
    }

    /// <inheritdoc />
    public Task<ExperimentRecord?> GetAsync(long index, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault(index));
        }
    }

    /// <inheritdoc />
    public Task<ExperimentRecord> UpdateAsync(ExperimentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_records.TryGetValue(record.Index, out var stored))
            {
                throw new KeyNotFoundException($"No experiment has index {record.Index}.");
            }

            ExperimentLifecycle.EnsureCanTransition(record.Index, stored.Status, record.Status);
            var updated = record with
            {
                CreatedAt = stored.CreatedAt,
                UpdatedAt = _time.GetUtcNow(),
                AdditionalProperties = Copy(record.AdditionalProperties),
            };
            _records[record.Index] = updated;
            CommitCount++;
            return Task.FromResult(updated);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> QueryAsync(ExperimentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IEnumerable<ExperimentRecord> rows = _records.Values;
            if (query.Statuses is { Count: > 0 } statuses)
            {
                rows = rows.Where(r => statuses.Contains(r.Status));
            }

            if (query.Kinds is { Count: > 0 } kinds)
            {
                rows = rows.Where(r => kinds.Contains(r.Kind));
            }

            if (query.ProfileName is { } profile)
            {
                rows = rows.Where(r => string.Equals(r.ProfileName, profile, StringComparison.Ordinal));
            }

            if (query.ScoredOnly)
            {
                rows = rows.Where(r => r.Fitness is not null);
            }

            rows = query.OrderBy switch
            {
                ExperimentOrder.IndexDescending => rows.OrderByDescending(r => r.Index),
                ExperimentOrder.FitnessDescending => rows
                    .OrderBy(r => r.Fitness is null ? 1 : 0)
                    .ThenByDescending(r => r.Fitness?.Total ?? 0)
                    .ThenBy(r => r.Index),
                _ => rows.OrderBy(r => r.Index),
            };
            rows = rows.Skip(Math.Max(0, query.Skip));
            if (query.Take is { } take)
            {
                rows = rows.Take(Math.Max(0, take));
            }

            return Task.FromResult<IReadOnlyList<ExperimentRecord>>(rows.ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<ExperimentStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<ExperimentStatus, int> counts = _records.Values
                .GroupBy(r => r.Status)
                .ToDictionary(g => g.Key, g => g.Count());
            return Task.FromResult(counts);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetChildrenAsync(long index, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ExperimentRecord>>(_records.Values.Where(r => r.Parent == index).ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetPathToRootAsync(long index, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var path = new List<ExperimentRecord>();
            var seen = new HashSet<long>();
            long? current = index;
            while (current is { } i && seen.Add(i) && _records.TryGetValue(i, out var record))
            {
                path.Add(record);
                current = record.Parent;
            }

            return Task.FromResult<IReadOnlyList<ExperimentRecord>>(path);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetSiblingsAsync(long index, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_records.TryGetValue(index, out var record) || record.Parent is not { } parent)
            {
                return Task.FromResult<IReadOnlyList<ExperimentRecord>>([]);
            }

            return Task.FromResult<IReadOnlyList<ExperimentRecord>>(
                _records.Values.Where(r => r.Parent == parent && r.Index != index).ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetRankRangeAsync(int fromRank, int toRank, CancellationToken cancellationToken = default)
    {
        if (fromRank < 1 || toRank < fromRank)
        {
            throw new ArgumentOutOfRangeException(nameof(fromRank), $"Ranks must satisfy 1 <= from <= to, got {fromRank}..{toRank}.");
        }

        lock (_gate)
        {
            var ranked = _records.Values
                .Where(r => r.Fitness is not null && r.Kind is ExperimentKind.Candidate or ExperimentKind.Seed)
                .OrderByDescending(r => r.Fitness!.Total)
                .ThenBy(r => r.Index)
                .Skip(fromRank - 1)
                .Take(toRank - fromRank + 1)
                .ToList();
            return Task.FromResult<IReadOnlyList<ExperimentRecord>>(ranked);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> SearchMotivationsAsync(string text, int count = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var query = Words(text);
        lock (_gate)
        {
            var hits = _records.Values
                .Where(r => !string.IsNullOrWhiteSpace(r.Motivation))
                .Select(r => (Record: r, Score: Overlap(query, Words(r.Motivation))))
                .Where(h => h.Score > 0)
                .OrderByDescending(h => h.Score)
                .ThenBy(h => h.Record.Index)
                .Take(Math.Max(0, count))
                .Select(h => h.Record)
                .ToList();
            return Task.FromResult<IReadOnlyList<ExperimentRecord>>(hits);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> GetPoolAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<long>>(_pool.ToList());
        }
    }

    /// <inheritdoc />
    public Task SetPoolAsync(IReadOnlyList<long> indexes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        lock (_gate)
        {
            var missing = indexes.FirstOrDefault(i => !_records.ContainsKey(i), -1);
            if (missing != -1)
            {
                throw new ArgumentException($"Pool member {missing} is not an experiment.", nameof(indexes));
            }

            if (indexes.Distinct().Count() != indexes.Count)
            {
                throw new ArgumentException("The pool lists an experiment twice.", nameof(indexes));
            }

            _pool = indexes.ToList();
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task AppendInteractionAsync(ModelInteraction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        lock (_gate)
        {
            _interactions.Add(interaction.CreatedAt == default ? interaction with { CreatedAt = _time.GetUtcNow() } : interaction);
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelInteraction>> GetInteractionsAsync(long? experimentIndex, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ModelInteraction>>(
                _interactions.Where(i => i.ExperimentIndex == experimentIndex).ToList());
        }
    }

    /// <inheritdoc />
    public Task<ModelInteraction?> FindInteractionAsync(string requestHash, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_interactions.LastOrDefault(i => i.RequestHash == requestHash));
        }
    }

    /// <inheritdoc />
    public Task<string?> GetRunValueAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        lock (_gate)
        {
            return Task.FromResult(_runValues.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public Task SetRunValueAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        lock (_gate)
        {
            if (value is null)
            {
                _runValues.Remove(key);
            }
            else
            {
                _runValues[key] = value;
            }

            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    private static AdditionalPropertiesDictionary? Copy(AdditionalPropertiesDictionary? source) =>
        source is null ? null : new AdditionalPropertiesDictionary(source);

    private static HashSet<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('.', ',', ';', ':', '!', '?', '(', ')', '"', '\'').ToLowerInvariant())
            .Where(w => w.Length > 2)
            .ToHashSet(StringComparer.Ordinal);

    private static double Overlap(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return shared / (double)(a.Count + b.Count - shared);
    }
}
