namespace AsiArch.Sdk.Tests.Llm;

/// <summary>A hand-written cognition store fake that returns fixed hits and records the searches.</summary>
internal sealed class RecordingCognitionStore(IReadOnlyList<CognitionHit> hits, Exception? failure = null) : ICognitionStore
{
    public List<(string Query, int Count)> Searches { get; } = [];

    public Task AddAsync(CognitionEntry entry, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<CognitionHit>> SearchAsync(string query, int count = 3, CancellationToken cancellationToken = default)
    {
        Searches.Add((query, count));
        return failure is null ? Task.FromResult<IReadOnlyList<CognitionHit>>(hits.Take(count).ToList()) : Task.FromException<IReadOnlyList<CognitionHit>>(failure);
    }

    public Task<CognitionEntry?> GetAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult<CognitionEntry?>(null);

    public Task<IReadOnlyList<CognitionEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CognitionEntry>>(hits.Select(h => h.Entry).ToList());

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
}
