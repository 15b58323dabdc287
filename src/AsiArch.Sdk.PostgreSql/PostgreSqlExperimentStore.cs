using AsiArch.Sdk.Serialization;
using AsiArch.Sdk.Storage;
using Npgsql;

namespace AsiArch.Sdk.PostgreSql;

/// <summary>
/// An <see cref="IExperimentStore"/> on PostgreSQL, for runs whose loops and workers span several processes or machines
/// (SQLite's write-ahead log does not work across nodes or on network file systems). Every write is one transaction;
/// indexes come from a counter row locked inside the creating transaction, so they are gap-free and never reused;
/// transitions are checked against the row locked with <c>FOR UPDATE</c>. It also implements
/// <see cref="IExperimentCoordination"/> (leases, round counter, run locks), which lets several discovery loops share
/// one database without duplicating an experiment. Motivations are ranked with <c>ts_rank</c> over a stored tsvector.
/// </summary>
/// <remarks>
/// The schema is inspected read-only before anything is written: a foreign <c>experiments</c> table, a foreign
/// <c>asiarch_schema</c> table or a newer schema version raises <see cref="ExperimentStoreException"/> and changes nothing.
/// </remarks>
public sealed partial class PostgreSqlExperimentStore : IExperimentStore, IExperimentStoreTransfer, IAsyncDisposable, IDisposable
{
    private const string InteractionColumns =
        "experiment_idx, role, step, request_hash, request, response, model, usage_json, created_at";

    private readonly PostgreSqlDatabase _database;
    private readonly TimeProvider _timeProvider;
    private volatile bool _disposed;

    /// <summary>Creates a store; the database is opened and checked on first use.</summary>
    /// <param name="options">Connection string and schema.</param>
    /// <param name="timeProvider">The clock for <see cref="ExperimentRecord.CreatedAt"/> and friends; leases use the server clock.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public PostgreSqlExperimentStore(PostgreSqlStoreOptions options, TimeProvider? timeProvider = null)
    {
        _database = new PostgreSqlDatabase(options);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The schema version of the experiment tables this library writes.</summary>
    public static int SchemaVersion => ExperimentTables.Schema.CurrentVersion;

    /// <summary>Host, port, database and schema of the store (no credentials).</summary>
    public string Description => _database.Description;

    /// <summary>Creates a store and opens it now, so an unreachable server or a bad schema is reported here.</summary>
    /// <exception cref="ExperimentStoreException">The server is unreachable, or the schema is foreign or newer.</exception>
    public static async Task<PostgreSqlExperimentStore> OpenAsync(
        PostgreSqlStoreOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var store = new PostgreSqlExperimentStore(options, timeProvider);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Checks the schema and applies migrations (done automatically on first use).</summary>
    /// <exception cref="ExperimentStoreException">The server is unreachable, or the schema is foreign or newer.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _database.EnsureInitializedAsync(ExperimentTables.Schema, "experiment store", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<ExperimentRecord> CreateAsync(ExperimentDraft draft, CancellationToken cancellationToken = default)
    {
        CheckDraft(draft);
        return WriteAsync((connection, transaction, ct) => InsertAsync(connection, transaction, draft, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ExperimentRecord?> GetAsync(long index, CancellationToken cancellationToken = default) =>
        ReadAsync(async (connection, ct) => await GetAsync(connection, null, index, ct).ConfigureAwait(false), cancellationToken);

    /// <inheritdoc />
    public Task<ExperimentRecord> UpdateAsync(ExperimentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Name, nameof(record));
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = Command(connection, transaction, "SELECT status, created_at FROM experiments WHERE idx = @idx FOR UPDATE");
                command.Parameters.AddWithValue("idx", record.Index);
                ExperimentStatus storedStatus;
                DateTimeOffset createdAt;
                await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        throw new KeyNotFoundException($"No experiment has index {record.Index}.");
                    }

                    storedStatus = Enum.Parse<ExperimentStatus>(reader.GetString(0));
                    createdAt = ExperimentRows.ParseTime(reader.GetString(1));
                }

                // Checked against the locked row, so a concurrent update cannot slip between check and write.
                ExperimentLifecycle.EnsureCanTransition(record.Index, storedStatus, record.Status);
                if (record.Parent is { } parent && (parent >= record.Index || !await ExistsAsync(connection, transaction, parent, ct).ConfigureAwait(false)))
                {
                    throw new ArgumentException(
                        $"Experiment {record.Index} cannot have parent {parent}: a parent must be an existing experiment with a smaller index.",
                        nameof(record));
                }

                var stored = record with { CreatedAt = createdAt, UpdatedAt = _timeProvider.GetUtcNow() };
                command.CommandText = ExperimentRows.UpdateSql;
                ExperimentRows.Bind(command, stored);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return stored;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> QueryAsync(ExperimentQuery query, CancellationToken cancellationToken = default)
    {
        CheckQuery(query);
        return ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                var where = Filter(command, query, "");
                var order = query.OrderBy switch
                {
                    ExperimentOrder.IndexDescending => "idx DESC",
                    ExperimentOrder.FitnessDescending => "score IS NULL, score DESC, idx",
                    _ => "idx",
                };
                command.CommandText =
                    $"SELECT {ExperimentRows.Columns} FROM experiments" +
                    (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                    $" ORDER BY {order} LIMIT @take OFFSET @skip";
                command.Parameters.AddWithValue("take", query.Take is { } take ? take : DBNull.Value);
                command.Parameters.AddWithValue("skip", query.Skip);
                return await ReadAllAsync(command, ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<ExperimentStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<ExperimentStatus, int>>(
            async (connection, ct) =>
            {
                var counts = Enum.GetValues<ExperimentStatus>().ToDictionary(s => s, _ => 0);
                await using var command = Command(connection, null, "SELECT status, count(*)::integer FROM experiments GROUP BY status");
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    counts[Enum.Parse<ExperimentStatus>(reader.GetString(0))] = reader.GetInt32(1);
                }

                return counts;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetChildrenAsync(long index, CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Command(connection, null, $"SELECT {ExperimentRows.Columns} FROM experiments WHERE parent = @idx ORDER BY idx");
                command.Parameters.AddWithValue("idx", index);
                return await ReadAllAsync(command, ct).ConfigureAwait(false);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetPathToRootAsync(long index, CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                // Parents always have smaller indexes (checked on write), so the walk ends; the depth cap guards
                // against hand-edited rows with a cycle.
                await using var command = Command(
                    connection,
                    null,
                    $"""
                    WITH RECURSIVE chain(idx, depth) AS (
                        SELECT idx, 0 FROM experiments WHERE idx = @idx
                        UNION ALL
                        SELECT e.parent, c.depth + 1 FROM experiments e JOIN chain c ON e.idx = c.idx
                        WHERE e.parent IS NOT NULL AND c.depth < 1000000)
                    SELECT {ExperimentRows.QualifiedColumns} FROM chain c JOIN experiments e ON e.idx = c.idx ORDER BY c.depth
                    """);
                command.Parameters.AddWithValue("idx", index);
                return await ReadAllAsync(command, ct).ConfigureAwait(false);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetSiblingsAsync(long index, CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Command(
                    connection,
                    null,
                    $"SELECT {ExperimentRows.Columns} FROM experiments " +
                    "WHERE parent = (SELECT parent FROM experiments WHERE idx = @idx) AND idx <> @idx ORDER BY idx");
                command.Parameters.AddWithValue("idx", index);
                return await ReadAllAsync(command, ct).ConfigureAwait(false);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetRankRangeAsync(int fromRank, int toRank, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromRank, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(toRank, fromRank);
        return ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Command(
                    connection,
                    null,
                    $"SELECT {ExperimentRows.Columns} FROM experiments " +
                    "WHERE score IS NOT NULL AND kind IN ('Candidate', 'Seed') ORDER BY score DESC, idx LIMIT @take OFFSET @skip");
                command.Parameters.AddWithValue("take", (long)toRank - fromRank + 1);
                command.Parameters.AddWithValue("skip", (long)fromRank - 1);
                return await ReadAllAsync(command, ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> SearchMotivationsAsync(string text, int count = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var match = TextSearchQuery.FromText(text);
        if (match is null || count == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult<IReadOnlyList<ExperimentRecord>>([]);
        }

        return ReadAsync(
            async (connection, ct) =>
            {
                // Weights D, C, B, A: a word in the name (A) counts twice a word in the motivation (B).
                await using var command = Command(
                    connection,
                    null,
                    $"SELECT {ExperimentRows.Columns} FROM experiments, to_tsquery('simple', @match) q WHERE search @@ q " +
                    "ORDER BY ts_rank('{0, 0, 0.5, 1}', search, q) DESC, idx LIMIT @count");
                command.Parameters.AddWithValue("match", match);
                command.Parameters.AddWithValue("count", count);
                return await ReadAllAsync(command, ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> GetPoolAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<long>>(
            async (connection, ct) =>
            {
                await using var command = Command(connection, null, "SELECT idx FROM experiment_pool ORDER BY rank");
                return await ReadLongsAsync(command, ct).ConfigureAwait(false);
            },
            cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An index appears twice or names no experiment; the pool is unchanged.</exception>
    public Task SetPoolAsync(IReadOnlyList<long> indexes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        var duplicate = indexes.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Experiment {duplicate.Key} appears more than once in the pool.", nameof(indexes));
        }

        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = Command(connection, transaction, "SELECT idx FROM experiments WHERE idx = ANY(@indexes)");
                command.Parameters.AddWithValue("indexes", indexes.ToArray());
                var existing = (await ReadLongsAsync(command, ct).ConfigureAwait(false)).ToHashSet();
                var missing = indexes.Where(i => !existing.Contains(i)).ToList();
                if (missing.Count > 0)
                {
                    throw new ArgumentException(
                        $"The pool names experiments that do not exist: {string.Join(", ", missing)}.", nameof(indexes));
                }

                await WritePoolAsync(connection, transaction, indexes, ct).ConfigureAwait(false);
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The interaction names an experiment that does not exist, or has no request hash.</exception>
    public Task AppendInteractionAsync(ModelInteraction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(interaction.RequestHash, nameof(interaction));
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                if (interaction.ExperimentIndex is { } index && !await ExistsAsync(connection, transaction, index, ct).ConfigureAwait(false))
                {
                    throw new ArgumentException($"The interaction belongs to experiment {index}, which does not exist.", nameof(interaction));
                }

                var stored = interaction.CreatedAt == default ? interaction with { CreatedAt = _timeProvider.GetUtcNow() } : interaction;
                await InsertInteractionAsync(connection, transaction, stored, ct).ConfigureAwait(false);
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelInteraction>> GetInteractionsAsync(long? experimentIndex, CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Command(
                    connection,
                    null,
                    $"SELECT {InteractionColumns} FROM experiment_interactions " +
                    (experimentIndex is null ? "WHERE experiment_idx IS NULL" : "WHERE experiment_idx = @idx") + " ORDER BY id");
                if (experimentIndex is { } index)
                {
                    command.Parameters.AddWithValue("idx", index);
                }

                return await ReadInteractionsAsync(command, ct).ConfigureAwait(false);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ModelInteraction?> FindInteractionAsync(string requestHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestHash);
        return ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Command(
                    connection, null, $"SELECT {InteractionColumns} FROM experiment_interactions WHERE request_hash = @hash ORDER BY id LIMIT 1");
                command.Parameters.AddWithValue("hash", requestHash);
                return (await ReadInteractionsAsync(command, ct).ConfigureAwait(false)).FirstOrDefault();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> GetRunValueAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return ReadAsync(
            async (connection, ct) =>
            {
                await using var command = Command(connection, null, "SELECT value FROM experiment_run_values WHERE key = @key");
                command.Parameters.AddWithValue("key", key);
                return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task SetRunValueAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await SetRunValueAsync(connection, transaction, key, value, ct).ConfigureAwait(false);
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ExperimentStoreSnapshot> ReadSnapshotAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                // One repeatable-read transaction: a single consistent snapshot of every table.
                await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
                await using var command = Command(connection, transaction, $"SELECT {ExperimentRows.Columns} FROM experiments ORDER BY idx");
                var experiments = await ReadAllAsync(command, ct).ConfigureAwait(false);
                command.CommandText = "SELECT idx FROM experiment_pool ORDER BY rank";
                var pool = await ReadLongsAsync(command, ct).ConfigureAwait(false);
                command.CommandText = $"SELECT {InteractionColumns} FROM experiment_interactions ORDER BY id";
                var interactions = await ReadInteractionsAsync(command, ct).ConfigureAwait(false);
                command.CommandText = "SELECT key, value FROM experiment_run_values ORDER BY key";
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        values[reader.GetString(0)] = reader.GetString(1);
                    }
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return new ExperimentStoreSnapshot { Experiments = experiments, Pool = pool, Interactions = interactions, RunValues = values };
            },
            cancellationToken);

    /// <inheritdoc />
    public Task WriteSnapshotAsync(ExperimentStoreSnapshot snapshot, bool allowNonEmpty = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                // Exclusive against creators (they lock the counter row) so imported indexes cannot collide with new ones.
                await using var command = Command(connection, transaction, "LOCK TABLE experiments IN SHARE ROW EXCLUSIVE MODE");
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                command.CommandText = "SELECT count(*) FROM experiments";
                var existing = (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                if (existing > 0 && !allowNonEmpty)
                {
                    throw new InvalidOperationException(
                        $"The experiment store at {Description} already holds {existing} experiments; importing would mix two runs. " +
                        "Import into an empty store, or allow importing into a non-empty one explicitly.");
                }

                foreach (var record in snapshot.Experiments.OrderBy(r => r.Index))
                {
                    ArgumentNullException.ThrowIfNull(record, nameof(snapshot));
                    if (record.Index < 1)
                    {
                        throw new InvalidDataException($"Experiment '{record.Name}' has index {record.Index}; indexes start at 1.");
                    }

                    if (await ExistsAsync(connection, transaction, record.Index, ct).ConfigureAwait(false))
                    {
                        throw new InvalidOperationException($"Experiment {record.Index} already exists in the store; nothing was imported.");
                    }

                    command.CommandText = ExperimentRows.InsertSql;
                    ExperimentRows.Bind(command, record);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                command.Parameters.Clear();
                command.CommandText =
                    "INSERT INTO experiment_counters(name, value) SELECT @name, coalesce(max(idx), 0) FROM experiments " +
                    "ON CONFLICT (name) DO UPDATE SET value = greatest(experiment_counters.value, excluded.value)";
                command.Parameters.AddWithValue("name", ExperimentTables.IndexCounter);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);

                foreach (var interaction in snapshot.Interactions)
                {
                    await InsertInteractionAsync(connection, transaction, interaction, ct).ConfigureAwait(false);
                }

                foreach (var (key, value) in snapshot.RunValues)
                {
                    await SetRunValueAsync(connection, transaction, key, value, ct).ConfigureAwait(false);
                }

                if (snapshot.Pool.Count > 0)
                {
                    await WritePoolAsync(connection, transaction, snapshot.Pool, ct).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    /// <summary>Closes the pooled connections (the data is already committed).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _database.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _database.DisposeAsync().ConfigureAwait(false);
    }

    private static void CheckDraft(ExperimentDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Name, nameof(draft));
    }

    private static void CheckQuery(ExperimentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip, nameof(query));
        if (query.Take is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Take, "Take must not be negative.");
        }
    }

    /// <summary>The WHERE terms of <paramref name="query"/>'s filters, on columns prefixed with <paramref name="alias"/>.</summary>
    private static List<string> Filter(NpgsqlCommand command, ExperimentQuery query, string alias)
    {
        var where = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            where.Add($"{alias}status = ANY(@statuses)");
            command.Parameters.AddWithValue("statuses", statuses.Select(s => s.ToString()).Distinct().ToArray());
        }

        if (query.Kinds is { Count: > 0 } kinds)
        {
            where.Add($"{alias}kind = ANY(@kinds)");
            command.Parameters.AddWithValue("kinds", kinds.Select(k => k.ToString()).Distinct().ToArray());
        }

        if (query.ProfileName is not null)
        {
            where.Add($"{alias}profile = @profile");
            command.Parameters.AddWithValue("profile", query.ProfileName);
        }

        if (query.ScoredOnly)
        {
            where.Add($"{alias}score IS NOT NULL");
        }

        return where;
    }

    private async Task<ExperimentRecord> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ExperimentDraft draft, CancellationToken ct)
    {
        if (draft.Parent is { } parent && !await ExistsAsync(connection, transaction, parent, ct).ConfigureAwait(false))
        {
            throw new ArgumentException($"Parent experiment {parent} does not exist.", nameof(draft));
        }

        // The counter row stays locked until commit: creators queue here, and a rolled-back create returns its number.
        var index = await NextValueAsync(connection, transaction, ExperimentTables.IndexCounter, 0, ct).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        var record = new ExperimentRecord
        {
            Index = index,
            Parent = draft.Parent,
            Name = draft.Name,
            Kind = draft.Kind,
            Status = ExperimentStatus.Proposed,
            Motivation = draft.Motivation ?? "",
            Program = draft.Program ?? "",
            DesignSpec = draft.DesignSpec,
            ProfileName = draft.ProfileName,
            Seed = draft.Seed,
            Costs = draft.Costs ?? ExperimentCosts.None,
            CreatedAt = now,
            UpdatedAt = now,
            AdditionalProperties = draft.AdditionalProperties is null ? null : new AdditionalPropertiesDictionary(draft.AdditionalProperties),
        };
        await using var command = Command(connection, transaction, ExperimentRows.InsertSql);
        ExperimentRows.Bind(command, record);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return record;
    }

    private static async Task<long> NextValueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, long atLeast, CancellationToken ct)
    {
        await using var command = Command(
            connection,
            transaction,
            "INSERT INTO experiment_counters(name, value) VALUES (@name, @atLeast + 1) " +
            "ON CONFLICT (name) DO UPDATE SET value = greatest(experiment_counters.value, @atLeast) + 1 RETURNING value");
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("atLeast", atLeast);
        return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await read(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await write(connection, transaction, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }
            catch (PostgresException ex) when (attempt < 5 && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // The server rolled the transaction back to break a lock cycle; running it again is safe.
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) =>
        new(sql, connection, transaction);

    private static async Task<ExperimentRecord?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long index, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, $"SELECT {ExperimentRows.Columns} FROM experiments WHERE idx = @idx");
        command.Parameters.AddWithValue("idx", index);
        return (await ReadAllAsync(command, ct).ConfigureAwait(false)).FirstOrDefault();
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long index, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, "SELECT 1 FROM experiments WHERE idx = @idx");
        command.Parameters.AddWithValue("idx", index);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
    }

    private static async Task<IReadOnlyList<ExperimentRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<ExperimentRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(ExperimentRows.Read(reader));
        }

        return result;
    }

    private static async Task<List<long>> ReadLongsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(reader.GetInt64(0));
        }

        return result;
    }

    private static async Task SetRunValueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, string? value, CancellationToken ct)
    {
        await using var command = Command(
            connection,
            transaction,
            value is null
                ? "DELETE FROM experiment_run_values WHERE key = @key"
                : "INSERT INTO experiment_run_values(key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        command.Parameters.AddWithValue("key", key);
        if (value is not null)
        {
            command.Parameters.AddWithValue("value", value);
        }

        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task WritePoolAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<long> indexes, CancellationToken ct)
    {
        // Self-exclusive lock: two concurrent replacements run one after the other instead of colliding on rank.
        await using var command = Command(connection, transaction, "LOCK TABLE experiment_pool IN SHARE ROW EXCLUSIVE MODE; DELETE FROM experiment_pool");
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        command.CommandText = "INSERT INTO experiment_pool(rank, idx) SELECT r::integer, i FROM unnest(@indexes) WITH ORDINALITY AS t(i, r)";
        command.Parameters.AddWithValue("indexes", indexes.ToArray());
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task InsertInteractionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ModelInteraction interaction, CancellationToken ct)
    {
        await using var command = Command(
            connection,
            transaction,
            $"INSERT INTO experiment_interactions({InteractionColumns}) " +
            "VALUES (@idx, @role, @step, @hash, @request, @response, @model, @usage, @created)");
        command.Parameters.AddWithValue("idx", (object?)interaction.ExperimentIndex ?? DBNull.Value);
        command.Parameters.AddWithValue("role", interaction.Role ?? "");
        command.Parameters.AddWithValue("step", interaction.Step ?? "");
        command.Parameters.AddWithValue("hash", interaction.RequestHash);
        command.Parameters.AddWithValue("request", interaction.Request ?? "");
        command.Parameters.AddWithValue("response", interaction.Response ?? "");
        command.Parameters.AddWithValue("model", (object?)interaction.Model ?? DBNull.Value);
        command.Parameters.AddWithValue("usage", AsiArchJson.Serialize(interaction.Usage ?? TokenUsage.Zero));
        command.Parameters.AddWithValue("created", ExperimentRows.FormatTime(interaction.CreatedAt));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ModelInteraction>> ReadInteractionsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<ModelInteraction>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(new ModelInteraction
            {
                ExperimentIndex = reader.IsDBNull(0) ? null : reader.GetInt64(0),
                Role = reader.GetString(1),
                Step = reader.GetString(2),
                RequestHash = reader.GetString(3),
                Request = reader.GetString(4),
                Response = reader.GetString(5),
                Model = reader.IsDBNull(6) ? null : reader.GetString(6),
                Usage = AsiArchJson.Deserialize<TokenUsage>(reader.GetString(7)) ?? TokenUsage.Zero,
                CreatedAt = ExperimentRows.ParseTime(reader.GetString(8)),
            });
        }

        return result;
    }
}
