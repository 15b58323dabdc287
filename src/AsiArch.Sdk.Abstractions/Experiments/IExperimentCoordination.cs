namespace AsiArch.Sdk;

/// <summary>
/// Optional capability of an <see cref="IExperimentStore"/> shared by several loop processes (one per GPU node, one per
/// researcher model): leases on experiments with heartbeats, so each unfinished experiment is worked on by one process
/// and an experiment whose process died is taken over once its lease expires; a shared counter for round numbers; and
/// named run locks for the steps only one process may do at a time (measuring baselines, replacing the pool).
/// </summary>
/// <remarks>
/// The discovery loop finds it with <c>store.GetService&lt;IExperimentCoordination&gt;()</c> and, when the store has
/// none (SQLite, in-memory), behaves as a single process. Lease times use the store's clock (the database server), so
/// processes on different machines agree on expiry.
/// </remarks>
public interface IExperimentCoordination
{
    /// <summary>Creates an experiment (as <see cref="IExperimentStore.CreateAsync"/>) already leased to <paramref name="owner"/>, in one transaction.</summary>
    Task<ExperimentRecord> CreateLeasedAsync(ExperimentDraft draft, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases the unfinished experiments matching <paramref name="query"/> (at most <paramref name="maxCount"/>, oldest
    /// first) that no live lease holds (never leased, released, or expired); rows another process is claiming at the
    /// same moment are skipped, never waited for. Returns the claimed experiments.
    /// </summary>
    Task<IReadOnlyList<ExperimentRecord>> ClaimAsync(ExperimentQuery query, string owner, TimeSpan leaseDuration, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The heartbeat: extends every lease <paramref name="owner"/> holds and returns their experiment indexes.</summary>
    Task<IReadOnlyList<long>> RenewLeasesAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Ends <paramref name="owner"/>'s lease on one experiment (no-op when it holds none).</summary>
    Task ReleaseLeaseAsync(long index, string owner, CancellationToken cancellationToken = default);

    /// <summary>Ends every lease <paramref name="owner"/> holds (a clean stop: others may take the work over at once).</summary>
    Task ReleaseLeasesAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>Atomically advances the named counter to at least <paramref name="atLeast"/> + 1 and returns its new value.</summary>
    Task<long> NextValueAsync(string name, long atLeast = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for the named run-wide lock and returns a handle that releases it when disposed. A process that dies while
    /// holding it releases it too.
    /// </summary>
    Task<IAsyncDisposable> LockAsync(string name, CancellationToken cancellationToken = default);
}
