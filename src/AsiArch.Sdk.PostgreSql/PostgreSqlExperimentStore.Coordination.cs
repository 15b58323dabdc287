using AsiArch.Sdk.Storage;
using Npgsql;

namespace AsiArch.Sdk.PostgreSql;

/// <summary>Leases, counters and run locks: what lets several loop processes share the store.</summary>
public sealed partial class PostgreSqlExperimentStore : IExperimentCoordination
{
    /// <inheritdoc />
    public Task<ExperimentRecord> CreateLeasedAsync(ExperimentDraft draft, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        CheckDraft(draft);
        CheckLease(owner, leaseDuration);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                var record = await InsertAsync(connection, transaction, draft, ct).ConfigureAwait(false);
                await using var command = Command(
                    connection,
                    transaction,
                    "INSERT INTO experiment_leases(idx, owner, acquired_at, expires_at) VALUES (@idx, @owner, now(), now() + @duration)");
                command.Parameters.AddWithValue("idx", record.Index);
                command.Parameters.AddWithValue("owner", owner);
                command.Parameters.AddWithValue("duration", leaseDuration);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return record;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> ClaimAsync(
        ExperimentQuery query, string owner, TimeSpan leaseDuration, int maxCount, CancellationToken cancellationToken = default)
    {
        CheckQuery(query);
        CheckLease(owner, leaseDuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var where = Filter(command, query, "e.");
                where.Add("e.status NOT IN ('Done', 'Failed')");
                where.Add("NOT EXISTS (SELECT 1 FROM experiment_leases l WHERE l.idx = e.idx AND l.expires_at > now())");
                // SKIP LOCKED: rows another claimer (or writer) holds right now are left to it, never waited for. The
                // upsert's WHERE re-checks the newest lease row, so a lease committed since our snapshot is never stolen.
                command.CommandText =
                    $"""
                    WITH candidates AS (
                        SELECT e.idx FROM experiments e WHERE {string.Join(" AND ", where)}
                        ORDER BY e.idx LIMIT @max FOR UPDATE OF e SKIP LOCKED),
                    claimed AS (
                        INSERT INTO experiment_leases(idx, owner, acquired_at, expires_at)
                        SELECT idx, @owner, now(), now() + @duration FROM candidates
                        ON CONFLICT (idx) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
                        WHERE experiment_leases.expires_at <= now()
                        RETURNING idx)
                    SELECT {ExperimentRows.QualifiedColumns} FROM experiments e JOIN claimed c ON c.idx = e.idx ORDER BY e.idx
                    """;
                command.Parameters.AddWithValue("owner", owner);
                command.Parameters.AddWithValue("duration", leaseDuration);
                command.Parameters.AddWithValue("max", maxCount);
                return await ReadAllAsync(command, ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> RenewLeasesAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        CheckLease(owner, leaseDuration);
        return WriteAsync<IReadOnlyList<long>>(
            async (connection, transaction, ct) =>
            {
                await using var command = Command(
                    connection, transaction, "UPDATE experiment_leases SET expires_at = now() + @duration WHERE owner = @owner RETURNING idx");
                command.Parameters.AddWithValue("owner", owner);
                command.Parameters.AddWithValue("duration", leaseDuration);
                var held = await ReadLongsAsync(command, ct).ConfigureAwait(false);
                held.Sort();
                return held;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(long index, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = Command(connection, transaction, "DELETE FROM experiment_leases WHERE idx = @idx AND owner = @owner");
                command.Parameters.AddWithValue("idx", index);
                command.Parameters.AddWithValue("owner", owner);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseLeasesAsync(string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = Command(connection, transaction, "DELETE FROM experiment_leases WHERE owner = @owner");
                command.Parameters.AddWithValue("owner", owner);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> NextValueAsync(string name, long atLeast = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name == ExperimentTables.IndexCounter)
        {
            throw new ArgumentException($"The counter '{name}' allocates experiment indexes and is reserved to the store.", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(atLeast);
        return WriteAsync((connection, transaction, ct) => NextValueAsync(connection, transaction, name, atLeast, ct), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> LockAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A session-level advisory lock: held by this connection until unlocked, released by the server if the process dies.
            await using var command = Command(connection, null, "SELECT pg_advisory_lock(hashtext(@schema), hashtext(@name))");
            command.CommandTimeout = 0;
            command.Parameters.AddWithValue("schema", _database.Schema);
            command.Parameters.AddWithValue("name", name);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new AdvisoryLock(connection, _database.Schema, name);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void CheckLease(string owner, TimeSpan leaseDuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        if (leaseDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, "A lease must last longer than zero.");
        }
    }
}
