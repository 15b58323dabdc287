namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>
/// An in-memory cognition store: entries keyed by id (adding an existing id replaces it), searched by word overlap
/// with the trigger patterns. Thread-safe.
/// </summary>
public sealed class FakeCognitionStore : ICognitionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CognitionEntry> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task AddAsync(CognitionEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _entries[entry.Id] = entry;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CognitionHit>> SearchAsync(string query, int count = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = query.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            IReadOnlyList<CognitionHit> hits = _entries.Values
                .Select(e => new CognitionHit
                {
                    Entry = e,
                    Score = e.TriggerPatterns.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(words.Contains),
                })
                .Where(h => h.Score > 0)
                .OrderByDescending(h => h.Score)
                .ThenBy(h => h.Entry.Id, StringComparer.Ordinal)
                .Take(Math.Max(0, count))
                .ToList();
            return Task.FromResult(hits);
        }
    }

    /// <inheritdoc />
    public Task<CognitionEntry?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CognitionEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CognitionEntry>>(_entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToList());
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
