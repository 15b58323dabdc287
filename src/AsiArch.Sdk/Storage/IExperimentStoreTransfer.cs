namespace AsiArch.Sdk.Storage;

/// <summary>
/// Optional capability of an <see cref="IExperimentStore"/>: read and write its whole content verbatim (indexes, statuses
/// and timestamps kept), which export and import need and the role contract deliberately does not offer.
/// </summary>
public interface IExperimentStoreTransfer
{
    /// <summary>Reads the whole store in one consistent view.</summary>
    Task<ExperimentStoreSnapshot> ReadSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="snapshot"/> in one transaction: all of it or nothing. Indexes, statuses and timestamps are
    /// kept as given; later allocations continue after the largest index.
    /// </summary>
    /// <param name="snapshot">What to write.</param>
    /// <param name="allowNonEmpty">Allow writing into a store that already holds experiments (indexes must not collide).</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    /// <exception cref="InvalidOperationException">The store is not empty and <paramref name="allowNonEmpty"/> is false, or an index collides.</exception>
    Task WriteSnapshotAsync(ExperimentStoreSnapshot snapshot, bool allowNonEmpty = false, CancellationToken cancellationToken = default);
}
