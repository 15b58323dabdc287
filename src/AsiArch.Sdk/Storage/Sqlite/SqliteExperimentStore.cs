using System.Globalization;
using AsiArch.Sdk.Serialization;
using Microsoft.Data.Sqlite;

namespace AsiArch.Sdk.Storage.Sqlite;

/// <summary>
/// The default <see cref="IExperimentStore"/>: one SQLite file (write-ahead log, <c>synchronous=FULL</c>), safe for
/// several loops and processes at once. Every write runs in a <c>BEGIN IMMEDIATE</c> transaction, so index allocation
/// is atomic across processes and a write is durable when its method returns. Motivations and names are indexed with
/// FTS5 (BM25) for <see cref="SearchMotivationsAsync"/>.
/// </summary>
/// <remarks>
/// The file is validated read-only before anything is written: a file that is not SQLite, is corrupt, or carries a newer
/// schema raises <see cref="ExperimentStoreException"/> and stays byte-for-byte as it was.
/// </remarks>
public sealed class SqliteExperimentStore : IExperimentStore, IExperimentStoreTransfer, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _initLock = new();
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Creates a store over <see cref="SqliteStoreOptions.Path"/>; the file is opened and checked on first use.</summary>
    /// <param name="options">Path and busy timeout.</param>
    /// <param name="timeProvider">The clock for <see cref="ExperimentRecord.CreatedAt"/> and friends; defaults to the system clock.</param>
    public SqliteExperimentStore(SqliteStoreOptions options, TimeProvider? timeProvider = null)
    {
        _database = new SqliteDatabase(options);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => _database.Path;

    /// <summary>The schema version of the experiment tables this library writes.</summary>
    public static int SchemaVersion => ExperimentSchema.CurrentVersion;

    /// <summary>Creates a store and opens it now, so a bad file is reported here rather than on first use.</summary>
    /// <param name="path">Database file; created when missing.</param>
    /// <param name="timeProvider">The store clock.</param>
    /// <param name="cancellationToken">Cancels before opening.</param>
    /// <exception cref="ExperimentStoreException">The file is not SQLite, is corrupt, or has a newer schema.</exception>
    public static Task<SqliteExperimentStore> OpenAsync(string path, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        OpenAsync(new SqliteStoreOptions { Path = path }, timeProvider, cancellationToken);

    /// <summary>Creates a store with <paramref name="options"/> and opens it now.</summary>
    /// <param name="options">Path and busy timeout.</param>
    /// <param name="timeProvider">The store clock.</param>
    /// <param name="cancellationToken">Cancels before opening.</param>
    /// <exception cref="ExperimentStoreException">The file is not SQLite, is corrupt, or has a newer schema.</exception>
    public static async Task<SqliteExperimentStore> OpenAsync(
        SqliteStoreOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var store = new SqliteExperimentStore(options, timeProvider);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Checks the file, switches it to WAL and migrates the schema (done automatically on first use).</summary>
    /// <param name="cancellationToken">Cancels before opening.</param>
    /// <exception cref="ExperimentStoreException">The file is not SQLite, is corrupt, or has a newer schema.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureInitialized();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ExperimentRecord> CreateAsync(ExperimentDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Name, nameof(draft));
        return WriteAsync(
            (connection, transaction) =>
            {
                if (draft.Parent is { } parent && !Exists(connection, transaction, parent))
                {
                    throw new ArgumentException($"Parent experiment {parent} does not exist.", nameof(draft));
                }

                var now = _timeProvider.GetUtcNow();
                var record = new ExperimentRecord
                {
                    Index = 0,
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
                using var command = Command(connection, transaction, ExperimentRows.InsertSql);
                ExperimentRows.Bind(command, record, allocateIndex: true);
                command.ExecuteNonQuery();
                command.Parameters.Clear();
                command.CommandText = "SELECT last_insert_rowid()";
                return record with { Index = ToLong(command.ExecuteScalar()) };
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ExperimentRecord?> GetAsync(long index, CancellationToken cancellationToken = default) =>
        ReadAsync(connection => Get(connection, null, index), cancellationToken);

    /// <inheritdoc />
    public Task<ExperimentRecord> UpdateAsync(ExperimentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Name, nameof(record));
        return WriteAsync(
            (connection, transaction) =>
            {
                using var command = Command(connection, transaction, "SELECT status, created_at FROM experiments WHERE idx = $idx");
                command.Parameters.AddWithValue("$idx", record.Index);
                ExperimentStatus storedStatus;
                DateTimeOffset createdAt;
                using (var reader = command.ExecuteReader())
                {
                    if (!reader.Read())
                    {
                        throw new KeyNotFoundException($"No experiment has index {record.Index}.");
                    }

                    storedStatus = Enum.Parse<ExperimentStatus>(reader.GetString(0));
                    createdAt = ExperimentRows.ParseTime(reader.GetString(1));
                }

                // Checked inside the write transaction so a concurrent update cannot slip between check and write.
                ExperimentLifecycle.EnsureCanTransition(record.Index, storedStatus, record.Status);
                if (record.Parent is { } parent && (parent >= record.Index || !Exists(connection, transaction, parent)))
                {
                    throw new ArgumentException(
                        $"Experiment {record.Index} cannot have parent {parent}: a parent must be an existing experiment with a smaller index.",
                        nameof(record));
                }

                var stored = record with { CreatedAt = createdAt, UpdatedAt = _timeProvider.GetUtcNow() };
                command.CommandText = ExperimentRows.UpdateSql;
                ExperimentRows.Bind(command, stored, allocateIndex: false);
                command.ExecuteNonQuery();
                return stored;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> QueryAsync(ExperimentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip, nameof(query));
        if (query.Take is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Take, "Take must not be negative.");
        }

        return ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                var where = new List<string>();
                if (query.Statuses is { Count: > 0 } statuses)
                {
                    where.Add(InList(command, "status", "$s", statuses.Select(s => s.ToString())));
                }

                if (query.Kinds is { Count: > 0 } kinds)
                {
                    where.Add(InList(command, "kind", "$k", kinds.Select(k => k.ToString())));
                }

                if (query.ProfileName is not null)
                {
                    where.Add("profile = $profile");
                    command.Parameters.AddWithValue("$profile", query.ProfileName);
                }

                if (query.ScoredOnly)
                {
                    where.Add("score IS NOT NULL");
                }

                var order = query.OrderBy switch
                {
                    ExperimentOrder.IndexDescending => "idx DESC",
                    ExperimentOrder.FitnessDescending => "score IS NULL, score DESC, idx",
                    _ => "idx",
                };
                command.CommandText =
                    $"SELECT {ExperimentRows.Columns} FROM experiments" +
                    (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                    $" ORDER BY {order} LIMIT $take OFFSET $skip";
                command.Parameters.AddWithValue("$take", query.Take ?? -1);
                command.Parameters.AddWithValue("$skip", query.Skip);
                return ReadAll(command);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<ExperimentStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<ExperimentStatus, int>>(
            connection =>
            {
                var counts = Enum.GetValues<ExperimentStatus>().ToDictionary(s => s, _ => 0);
                using var command = Command(connection, null, "SELECT status, count(*) FROM experiments GROUP BY status");
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    counts[Enum.Parse<ExperimentStatus>(reader.GetString(0))] = reader.GetInt32(1);
                }

                return counts;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetChildrenAsync(long index, CancellationToken cancellationToken = default) =>
        ReadAsync(
            connection =>
            {
                using var command = Command(connection, null, $"SELECT {ExperimentRows.Columns} FROM experiments WHERE parent = $idx ORDER BY idx");
                command.Parameters.AddWithValue("$idx", index);
                return ReadAll(command);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetPathToRootAsync(long index, CancellationToken cancellationToken = default) =>
        ReadAsync(
            connection =>
            {
                // Parents always have smaller indexes (checked on write), so the walk ends; the depth cap guards
                // against a hand-edited file with a cycle.
                using var command = Command(
                    connection,
                    null,
                    $"""
                    WITH RECURSIVE chain(idx, depth) AS (
                        SELECT idx, 0 FROM experiments WHERE idx = $idx
                        UNION ALL
                        SELECT e.parent, c.depth + 1 FROM experiments e JOIN chain c ON e.idx = c.idx
                        WHERE e.parent IS NOT NULL AND c.depth < 1000000)
                    SELECT {ExperimentRows.QualifiedColumns} FROM chain c JOIN experiments e ON e.idx = c.idx ORDER BY c.depth
                    """);
                command.Parameters.AddWithValue("$idx", index);
                return ReadAll(command);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetSiblingsAsync(long index, CancellationToken cancellationToken = default) =>
        ReadAsync(
            connection =>
            {
                using var command = Command(
                    connection,
                    null,
                    $"SELECT {ExperimentRows.Columns} FROM experiments " +
                    "WHERE parent = (SELECT parent FROM experiments WHERE idx = $idx) AND idx <> $idx ORDER BY idx");
                command.Parameters.AddWithValue("$idx", index);
                return ReadAll(command);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetRankRangeAsync(int fromRank, int toRank, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromRank, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(toRank, fromRank);
        return ReadAsync(
            connection =>
            {
                using var command = Command(
                    connection,
                    null,
                    $"SELECT {ExperimentRows.Columns} FROM experiments " +
                    "WHERE score IS NOT NULL AND kind IN ('Candidate', 'Seed') ORDER BY score DESC, idx LIMIT $take OFFSET $skip");
                command.Parameters.AddWithValue("$take", (long)toRank - fromRank + 1);
                command.Parameters.AddWithValue("$skip", fromRank - 1);
                return ReadAll(command);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> SearchMotivationsAsync(string text, int count = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var match = Fts5Query.FromText(text);
        if (match is null || count == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult<IReadOnlyList<ExperimentRecord>>([]);
        }

        return ReadAsync(
            connection =>
            {
                // Column weights: a hit in the name counts twice a hit in the motivation.
                using var command = Command(
                    connection,
                    null,
                    $"SELECT {ExperimentRows.QualifiedColumns} FROM experiment_fts f JOIN experiments e ON e.idx = f.rowid " +
                    "WHERE experiment_fts MATCH $match ORDER BY bm25(experiment_fts, 2.0, 1.0), e.idx LIMIT $count");
                command.Parameters.AddWithValue("$match", match);
                command.Parameters.AddWithValue("$count", count);
                return ReadAll(command);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> GetPoolAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<long>>(
            connection =>
            {
                using var command = Command(connection, null, "SELECT idx FROM experiment_pool ORDER BY rank");
                var result = new List<long>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    result.Add(reader.GetInt64(0));
                }

                return result;
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
            (connection, transaction) =>
            {
                var missing = indexes.Where(i => !Exists(connection, transaction, i)).ToList();
                if (missing.Count > 0)
                {
                    throw new ArgumentException(
                        $"The pool names experiments that do not exist: {string.Join(", ", missing)}.", nameof(indexes));
                }

                WritePool(connection, transaction, indexes);
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
            (connection, transaction) =>
            {
                if (interaction.ExperimentIndex is { } index && !Exists(connection, transaction, index))
                {
                    throw new ArgumentException($"The interaction belongs to experiment {index}, which does not exist.", nameof(interaction));
                }

                var stored = interaction.CreatedAt == default ? interaction with { CreatedAt = _timeProvider.GetUtcNow() } : interaction;
                InsertInteraction(connection, transaction, stored);
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelInteraction>> GetInteractionsAsync(long? experimentIndex, CancellationToken cancellationToken = default) =>
        ReadAsync(
            connection =>
            {
                using var command = Command(
                    connection,
                    null,
                    $"SELECT {InteractionColumns} FROM experiment_interactions " +
                    (experimentIndex is null ? "WHERE experiment_idx IS NULL" : "WHERE experiment_idx = $idx") + " ORDER BY id");
                if (experimentIndex is { } index)
                {
                    command.Parameters.AddWithValue("$idx", index);
                }

                return ReadInteractions(command);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ModelInteraction?> FindInteractionAsync(string requestHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestHash);
        return ReadAsync(
            connection =>
            {
                using var command = Command(
                    connection, null, $"SELECT {InteractionColumns} FROM experiment_interactions WHERE request_hash = $hash ORDER BY id LIMIT 1");
                command.Parameters.AddWithValue("$hash", requestHash);
                return ReadInteractions(command).FirstOrDefault();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> GetRunValueAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return ReadAsync(
            connection =>
            {
                using var command = Command(connection, null, "SELECT value FROM experiment_run_values WHERE key = $key");
                command.Parameters.AddWithValue("$key", key);
                return command.ExecuteScalar() as string;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task SetRunValueAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return WriteAsync(
            (connection, transaction) =>
            {
                using var command = Command(
                    connection,
                    transaction,
                    value is null
                        ? "DELETE FROM experiment_run_values WHERE key = $key"
                        : "INSERT INTO experiment_run_values(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
                command.Parameters.AddWithValue("$key", key);
                if (value is not null)
                {
                    command.Parameters.AddWithValue("$value", value);
                }

                command.ExecuteNonQuery();
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ExperimentStoreSnapshot> ReadSnapshotAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            connection =>
            {
                // One read transaction: in WAL mode it sees a single consistent snapshot of every table.
                using var transaction = connection.BeginTransaction(deferred: true);
                using var command = Command(connection, transaction, $"SELECT {ExperimentRows.Columns} FROM experiments ORDER BY idx");
                var experiments = ReadAll(command);
                command.CommandText = "SELECT idx FROM experiment_pool ORDER BY rank";
                var pool = new List<long>();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        pool.Add(reader.GetInt64(0));
                    }
                }

                command.CommandText = $"SELECT {InteractionColumns} FROM experiment_interactions ORDER BY id";
                var interactions = ReadInteractions(command);
                command.CommandText = "SELECT key, value FROM experiment_run_values ORDER BY key";
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        values[reader.GetString(0)] = reader.GetString(1);
                    }
                }

                transaction.Commit();
                return new ExperimentStoreSnapshot { Experiments = experiments, Pool = pool, Interactions = interactions, RunValues = values };
            },
            cancellationToken);

    /// <inheritdoc />
    public Task WriteSnapshotAsync(ExperimentStoreSnapshot snapshot, bool allowNonEmpty = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return WriteAsync(
            (connection, transaction) =>
            {
                using var command = Command(connection, transaction, "SELECT count(*) FROM experiments");
                var existing = ToLong(command.ExecuteScalar());
                if (existing > 0 && !allowNonEmpty)
                {
                    throw new InvalidOperationException(
                        $"The experiment store '{DatabasePath}' already holds {existing} experiments; importing would mix two runs. " +
                        "Import into an empty store, or allow importing into a non-empty one explicitly.");
                }

                foreach (var record in snapshot.Experiments.OrderBy(r => r.Index))
                {
                    ArgumentNullException.ThrowIfNull(record, nameof(snapshot));
                    if (record.Index < 1)
                    {
                        throw new InvalidDataException($"Experiment '{record.Name}' has index {record.Index}; indexes start at 1.");
                    }

                    if (Exists(connection, transaction, record.Index))
                    {
                        throw new InvalidOperationException($"Experiment {record.Index} already exists in the store; nothing was imported.");
                    }

                    command.CommandText = ExperimentRows.InsertSql;
                    ExperimentRows.Bind(command, record, allocateIndex: false);
                    command.ExecuteNonQuery();
                }

                foreach (var interaction in snapshot.Interactions)
                {
                    InsertInteraction(connection, transaction, interaction);
                }

                foreach (var (key, value) in snapshot.RunValues)
                {
                    command.Parameters.Clear();
                    command.CommandText = "INSERT INTO experiment_run_values(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
                    command.Parameters.AddWithValue("$key", key);
                    command.Parameters.AddWithValue("$value", value);
                    command.ExecuteNonQuery();
                }

                if (snapshot.Pool.Count > 0)
                {
                    WritePool(connection, transaction, snapshot.Pool);
                }

                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    /// <summary>Releases the pooled connections to the file (the data is already durable).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _database.ClearPool();
    }

    private const string InteractionColumns =
        "experiment_idx, role, step, request_hash, request, response, model, usage_json, created_at";

    private void EnsureInitialized()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_initialized)
        {
            return;
        }

        lock (_initLock)
        {
            if (!_initialized)
            {
                _database.Initialize();
                _initialized = true;
            }
        }
    }

    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureInitialized();
        using var connection = _database.Open();
        return Task.FromResult(read(connection));
    }

    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureInitialized();
        using var connection = _database.Open();
        // BEGIN IMMEDIATE takes the write lock up front (waiting up to the busy timeout), so two writers never
        // interleave and a read-then-write inside the transaction cannot be invalidated by another process.
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = write(connection, transaction);
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return Task.FromResult(result);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static ExperimentRecord? Get(SqliteConnection connection, SqliteTransaction? transaction, long index)
    {
        using var command = Command(connection, transaction, $"SELECT {ExperimentRows.Columns} FROM experiments WHERE idx = $idx");
        command.Parameters.AddWithValue("$idx", index);
        return ReadAll(command).FirstOrDefault();
    }

    private static bool Exists(SqliteConnection connection, SqliteTransaction? transaction, long index)
    {
        using var command = Command(connection, transaction, "SELECT 1 FROM experiments WHERE idx = $idx");
        command.Parameters.AddWithValue("$idx", index);
        return command.ExecuteScalar() is not null;
    }

    private static IReadOnlyList<ExperimentRecord> ReadAll(SqliteCommand command)
    {
        var result = new List<ExperimentRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(ExperimentRows.Read(reader));
        }

        return result;
    }

    private static string InList(SqliteCommand command, string column, string prefix, IEnumerable<string> values)
    {
        var names = new List<string>();
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            var name = prefix + names.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }

        return $"{column} IN ({string.Join(", ", names)})";
    }

    private static void WritePool(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<long> indexes)
    {
        using var command = Command(connection, transaction, "DELETE FROM experiment_pool");
        command.ExecuteNonQuery();
        command.CommandText = "INSERT INTO experiment_pool(rank, idx) VALUES ($rank, $idx)";
        for (var i = 0; i < indexes.Count; i++)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$rank", i + 1);
            command.Parameters.AddWithValue("$idx", indexes[i]);
            command.ExecuteNonQuery();
        }
    }

    private static void InsertInteraction(SqliteConnection connection, SqliteTransaction transaction, ModelInteraction interaction)
    {
        using var command = Command(
            connection,
            transaction,
            $"INSERT INTO experiment_interactions({InteractionColumns}) " +
            "VALUES ($idx, $role, $step, $hash, $request, $response, $model, $usage, $created)");
        command.Parameters.AddWithValue("$idx", (object?)interaction.ExperimentIndex ?? DBNull.Value);
        command.Parameters.AddWithValue("$role", interaction.Role ?? "");
        command.Parameters.AddWithValue("$step", interaction.Step ?? "");
        command.Parameters.AddWithValue("$hash", interaction.RequestHash);
        command.Parameters.AddWithValue("$request", interaction.Request ?? "");
        command.Parameters.AddWithValue("$response", interaction.Response ?? "");
        command.Parameters.AddWithValue("$model", (object?)interaction.Model ?? DBNull.Value);
        command.Parameters.AddWithValue("$usage", AsiArchJson.Serialize(interaction.Usage ?? TokenUsage.Zero));
        command.Parameters.AddWithValue("$created", ExperimentRows.FormatTime(interaction.CreatedAt));
        command.ExecuteNonQuery();
    }

    private static IReadOnlyList<ModelInteraction> ReadInteractions(SqliteCommand command)
    {
        var result = new List<ModelInteraction>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
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

    private static long ToLong(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
