namespace AsiArch.Sdk;

/// <summary>Knowledge from papers and from the run's own experiments, retrieved by symptom.</summary>
public interface ICognitionStore : IAsiArchComponent
{
    /// <summary>Adds or replaces (by <see cref="CognitionEntry.Id"/>) an entry.</summary>
    Task AddAsync(CognitionEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="count"/> entries most relevant to <paramref name="query"/>, best first.</summary>
    Task<IReadOnlyList<CognitionHit>> SearchAsync(string query, int count = 3, CancellationToken cancellationToken = default);

    /// <summary>The entry with that id, or null.</summary>
    Task<CognitionEntry?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every entry, ordered by id.</summary>
    Task<IReadOnlyList<CognitionEntry>> ListAsync(CancellationToken cancellationToken = default);
}
