using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using AsiArch.Sdk.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace AsiArch.Sdk.Cognition;

/// <summary>
/// The default <see cref="ICognitionStore"/>: SQLite (WAL, <c>synchronous=FULL</c>), safe to share the run's database
/// file (it keeps to the <c>cognition_*</c> tables and its <c>cognition</c> row of <c>asiarch_schema</c>). Retrieval
/// fuses two rankings by reciprocal rank: FTS5 BM25 over the trigger patterns (weight 10) with the title (2) and the
/// other fields (1) at lower weight, and cosine similarity of embeddings of the trigger patterns, from the configured
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> or the built-in <see cref="HashingTextEmbedder"/>.
/// </summary>
/// <remarks>
/// The file is checked read-only first: a file that is not SQLite or whose cognition schema is newer raises
/// <see cref="ExperimentStoreException"/> and is left untouched. Queries are reduced to quoted words, so punctuation and
/// FTS5 syntax in a query never raise.
/// </remarks>
public sealed class SqliteCognitionStore : ICognitionStore, IDisposable
{
    private const int RrfK = 60;

    private readonly SqliteCognitionStoreOptions _options;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;
    private readonly HashingTextEmbedder _hashing;
    private readonly TimeProvider _timeProvider;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;
    private bool _disposed;

    /// <summary>Creates a store; the file is opened and checked on first use.</summary>
    /// <param name="options">Path and retrieval settings.</param>
    /// <param name="embeddingGenerator">An embedding model; when null the built-in hashing embedder is used.</param>
    /// <param name="timeProvider">Clock for <see cref="CognitionEntry.CreatedAt"/> when an entry has none.</param>
    public SqliteCognitionStore(
        SqliteCognitionStoreOptions options,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException("The SQLite cognition store needs a database path.", nameof(options));
        }

        _options = options;
        _generator = embeddingGenerator;
        _hashing = new HashingTextEmbedder(options.HashingDimensions);
        _timeProvider = timeProvider ?? TimeProvider.System;
        DatabasePath = System.IO.Path.GetFullPath(options.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds) + 5,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The id of the embedding model whose vectors the store ranks with.</summary>
    public string EmbeddingModelId =>
        _generator is null ? _hashing.ModelId
            : "generator:" + (_generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? _generator.GetType().Name);

    /// <summary>Creates a store over <paramref name="path"/> and opens it now, so a bad file is reported here.</summary>
    /// <exception cref="ExperimentStoreException">The file is not SQLite or has a newer cognition schema.</exception>
    public static async Task<SqliteCognitionStore> OpenAsync(
        string path,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var store = new SqliteCognitionStore(new SqliteCognitionStoreOptions { Path = path }, embeddingGenerator, timeProvider);
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

    /// <summary>Checks the file, switches it to WAL and creates the tables (done automatically on first use).</summary>
    /// <exception cref="ExperimentStoreException">The file is not SQLite or has a newer cognition schema.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            Validate();
            try
            {
                using var connection = OpenConnection();
                using (var wal = connection.CreateCommand())
                {
                    wal.CommandText = "PRAGMA journal_mode=WAL";
                    var mode = wal.ExecuteScalar() as string;
                    if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new ExperimentStoreException($"Could not switch '{DatabasePath}' to write-ahead logging (journal mode is '{mode}').");
                    }
                }

                using var transaction = connection.BeginTransaction(deferred: false);
                var version = CognitionSchema.ReadVersion(connection, transaction);
                EnsureNotNewer(version);
                if (version < CognitionSchema.CurrentVersion)
                {
                    CognitionSchema.Migrate(connection, transaction);
                }

                transaction.Commit();
            }
            catch (SqliteException ex)
            {
                throw new ExperimentStoreException($"Could not open the cognition store '{DatabasePath}': {ex.Message}", ex);
            }

            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task AddAsync(CognitionEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Check(entry, nameof(entry));
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var vector = await EmbedAsync(entry.TriggerPatterns, cancellationToken).ConfigureAwait(false);
        using var connection = OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        Upsert(connection, transaction, Stamp(entry), vector, EmbeddingModelId);
        transaction.Commit();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CognitionHit>> SearchAsync(string query, int count = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await RefreshEmbeddingsAsync(cancellationToken).ConfigureAwait(false);
        var pool = Math.Max(count * 5, 50);
        using var connection = OpenConnection();

        var lexical = new List<string>();
        if (FtsQuery(query) is { } match)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT id FROM cognition_fts WHERE cognition_fts MATCH $match
                ORDER BY bm25(cognition_fts, 0.0, 10.0, 2.0, 1.0) LIMIT $limit
                """;
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$limit", pool);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                lexical.Add(reader.GetString(0));
            }
        }

        var semantic = new List<string>();
        var queryVector = await EmbedAsync(query, cancellationToken).ConfigureAwait(false);
        if (queryVector.Any(v => v != 0))
        {
            var scored = new List<(string Id, double Cosine)>();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, embedding FROM cognition_entries";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var vector = ToVector((byte[])reader.GetValue(1));
                if (vector.Length == queryVector.Length)
                {
                    scored.Add((reader.GetString(0), Cosine(queryVector, vector)));
                }
            }

            semantic.AddRange(scored.Where(s => s.Cosine > 0).OrderByDescending(s => s.Cosine).ThenBy(s => s.Id, StringComparer.Ordinal).Take(pool).Select(s => s.Id));
        }

        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        void Fuse(List<string> ranking, double weight)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                fused[ranking[rank]] = fused.GetValueOrDefault(ranking[rank]) + (weight / (RrfK + rank + 1));
            }
        }

        Fuse(lexical, _options.LexicalWeight);
        Fuse(semantic, 1 - _options.LexicalWeight);
        var hits = new List<CognitionHit>();
        foreach (var (id, score) in fused.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(count))
        {
            if (Get(connection, id) is { } entry)
            {
                hits.Add(new CognitionHit { Entry = entry, Score = score });
            }
        }

        return hits;
    }

    /// <inheritdoc />
    public async Task<CognitionEntry?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = OpenConnection();
        return Get(connection, id);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CognitionEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = SelectSql + " ORDER BY id";
        var list = new List<CognitionEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>Removes an entry; returns false when none had that id.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM cognition_fts WHERE id = $id; DELETE FROM cognition_entries WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
        command.CommandText = "SELECT changes()";
        var removed = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        transaction.Commit();
        return removed;
    }

    /// <summary>Every entry as a <see cref="CognitionDocument"/> JSON text.</summary>
    public async Task<string> ExportJsonAsync(CancellationToken cancellationToken = default) =>
        new CognitionDocument { Entries = [.. await ListAsync(cancellationToken).ConfigureAwait(false)] }.ToJson();

    /// <summary>
    /// Imports a <see cref="CognitionDocument"/> JSON text in one transaction (all or nothing), replacing entries with
    /// the same id; returns the number imported.
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid cognition document; nothing is written.</exception>
    public async Task<int> ImportJsonAsync(string json, CancellationToken cancellationToken = default)
    {
        var doc = CognitionDocument.Parse(json);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var prepared = new List<(CognitionEntry Entry, float[] Vector)>();
        foreach (var entry in doc.Entries)
        {
            prepared.Add((Stamp(entry), await EmbedAsync(entry.TriggerPatterns, cancellationToken).ConfigureAwait(false)));
        }

        using var connection = OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var (entry, vector) in prepared)
        {
            Upsert(connection, transaction, entry, vector, EmbeddingModelId);
        }

        transaction.Commit();
        return prepared.Count;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initLock.Dispose();
    }

    private const string SelectSql = """
        SELECT id, trigger_patterns, background, algorithmic_innovation, design_insight, implementation_guidance,
               source_title, source_arxiv, source_year, source_authors, kind, experiment_index, created_at
        FROM cognition_entries
        """;

    private static void Check(CognitionEntry entry, string paramName)
    {
        if (string.IsNullOrWhiteSpace(entry.Id))
        {
            throw new ArgumentException("A cognition entry needs an id.", paramName);
        }

        if (string.IsNullOrWhiteSpace(entry.TriggerPatterns))
        {
            throw new ArgumentException($"Cognition entry '{entry.Id}' needs trigger patterns (the key it is retrieved by).", paramName);
        }

        if (!Enum.IsDefined(entry.Kind))
        {
            throw new ArgumentException($"Cognition entry '{entry.Id}' has an unknown kind {(int)entry.Kind}.", paramName);
        }
    }

    private CognitionEntry Stamp(CognitionEntry entry) =>
        entry.CreatedAt == default ? entry with { CreatedAt = _timeProvider.GetUtcNow() } : entry;

    private static void Upsert(SqliteConnection connection, SqliteTransaction transaction, CognitionEntry e, float[] vector, string model)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM cognition_fts WHERE id = $id;
            INSERT INTO cognition_entries (id, trigger_patterns, background, algorithmic_innovation, design_insight,
                implementation_guidance, source_title, source_arxiv, source_year, source_authors, kind, experiment_index,
                created_at, embedding, embedding_model)
            VALUES ($id, $trigger, $background, $innovation, $design, $guidance, $title, $arxiv, $year, $authors, $kind,
                $experiment, $created, $embedding, $model)
            ON CONFLICT (id) DO UPDATE SET trigger_patterns = excluded.trigger_patterns, background = excluded.background,
                algorithmic_innovation = excluded.algorithmic_innovation, design_insight = excluded.design_insight,
                implementation_guidance = excluded.implementation_guidance, source_title = excluded.source_title,
                source_arxiv = excluded.source_arxiv, source_year = excluded.source_year, source_authors = excluded.source_authors,
                kind = excluded.kind, experiment_index = excluded.experiment_index, created_at = excluded.created_at,
                embedding = excluded.embedding, embedding_model = excluded.embedding_model;
            INSERT INTO cognition_fts (id, trigger_patterns, title, body) VALUES ($id, $trigger, $title_text, $body);
            """;
        command.Parameters.AddWithValue("$id", e.Id);
        command.Parameters.AddWithValue("$trigger", e.TriggerPatterns);
        command.Parameters.AddWithValue("$background", e.Background ?? "");
        command.Parameters.AddWithValue("$innovation", e.AlgorithmicInnovation ?? "");
        command.Parameters.AddWithValue("$design", e.DesignInsight ?? "");
        command.Parameters.AddWithValue("$guidance", e.ImplementationGuidance ?? "");
        command.Parameters.AddWithValue("$title", (object?)e.Source?.Title ?? DBNull.Value);
        command.Parameters.AddWithValue("$arxiv", (object?)e.Source?.ArxivId ?? DBNull.Value);
        command.Parameters.AddWithValue("$year", (object?)e.Source?.Year ?? DBNull.Value);
        command.Parameters.AddWithValue("$authors", (object?)e.Source?.Authors ?? DBNull.Value);
        command.Parameters.AddWithValue("$kind", e.Kind.ToString());
        command.Parameters.AddWithValue("$experiment", (object?)e.ExperimentIndex ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", e.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$embedding", MemoryMarshal.AsBytes(vector.AsSpan()).ToArray());
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$title_text", e.Source?.Title ?? "");
        command.Parameters.AddWithValue("$body", string.Join('\n', e.Background, e.AlgorithmicInnovation, e.DesignInsight, e.ImplementationGuidance));
        command.ExecuteNonQuery();
    }

    private async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        float[] vector;
        if (_generator is null)
        {
            vector = _hashing.Embed(text);
        }
        else
        {
            var generated = await _generator.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (generated.Count != 1)
            {
                throw new InvalidOperationException($"The embedding generator returned {generated.Count} embeddings for one input.");
            }

            vector = generated[0].Vector.ToArray();
            HashingTextEmbedder.Normalize(vector);
        }

        return vector;
    }

    // Entries embedded by another model (the embedder changed since they were added) are re-embedded before ranking.
    private async Task RefreshEmbeddingsAsync(CancellationToken cancellationToken)
    {
        var stale = new List<(string Id, string Trigger)>();
        using (var connection = OpenConnection())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, trigger_patterns FROM cognition_entries WHERE embedding_model <> $model";
            command.Parameters.AddWithValue("$model", EmbeddingModelId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                stale.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (stale.Count == 0)
        {
            return;
        }

        var vectors = new List<(string Id, float[] Vector)>();
        foreach (var (id, trigger) in stale)
        {
            vectors.Add((id, await EmbedAsync(trigger, cancellationToken).ConfigureAwait(false)));
        }

        using var write = OpenConnection();
        using var transaction = write.BeginTransaction(deferred: false);
        using var update = write.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE cognition_entries SET embedding = $embedding, embedding_model = $model WHERE id = $id";
        foreach (var (id, vector) in vectors)
        {
            update.Parameters.Clear();
            update.Parameters.AddWithValue("$embedding", MemoryMarshal.AsBytes(vector.AsSpan()).ToArray());
            update.Parameters.AddWithValue("$model", EmbeddingModelId);
            update.Parameters.AddWithValue("$id", id);
            update.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static CognitionEntry? Get(SqliteConnection connection, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectSql + " WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static CognitionEntry Read(SqliteDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var title = Text(6);
        return new CognitionEntry
        {
            Id = r.GetString(0),
            TriggerPatterns = r.GetString(1),
            Background = r.GetString(2),
            AlgorithmicInnovation = r.GetString(3),
            DesignInsight = r.GetString(4),
            ImplementationGuidance = r.GetString(5),
            Source = title is null ? null : new CognitionSource
            {
                Title = title,
                ArxivId = Text(7),
                Year = r.IsDBNull(8) ? null : r.GetInt32(8),
                Authors = Text(9),
            },
            Kind = Enum.Parse<CognitionKind>(r.GetString(10)),
            ExperimentIndex = r.IsDBNull(11) ? null : r.GetInt64(11),
            CreatedAt = DateTimeOffset.Parse(r.GetString(12), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        };
    }

    /// <summary>An FTS5 expression of the query's words, each quoted, joined by OR; null when it has none.</summary>
    internal static string? FtsQuery(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                var w = word.ToString();
                if (words.Count < 64 && !words.Contains(w, StringComparer.OrdinalIgnoreCase))
                {
                    words.Add(w);
                }

                word.Clear();
            }
        }

        return words.Count == 0 ? null : string.Join(" OR ", words.Select(w => "\"" + w + "\""));
    }

    private static float[] ToVector(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes.AsSpan()).ToArray();

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }

    private SqliteConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;");
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Validate()
    {
        if (!SqliteFileCheck.HasExistingDatabase(DatabasePath, "cognition store"))
        {
            return;
        }

        var readOnly = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(readOnly);
            connection.Open();
            var version = CognitionSchema.ReadVersion(connection);
            EnsureNotNewer(version);
            if (version == 0 && CognitionSchema.TableExists(connection, "cognition_entries"))
            {
                throw new ExperimentStoreException(
                    $"'{DatabasePath}' already holds a table named 'cognition_entries' that no AsiArch cognition store created " +
                    "(no 'cognition' row in asiarch_schema). Use another file; this one was left untouched.");
            }
        }
        catch (SqliteException ex)
        {
            throw new ExperimentStoreException(
                $"The cognition store '{DatabasePath}' is corrupt or not a database ({ex.Message}). The file was left untouched.", ex);
        }
    }

    private void EnsureNotNewer(int version)
    {
        if (version > CognitionSchema.CurrentVersion)
        {
            throw new ExperimentStoreException(
                $"The cognition store '{DatabasePath}' has cognition schema version {version}, newer than the version " +
                $"{CognitionSchema.CurrentVersion} this AsiArch.Sdk supports. Upgrade AsiArch.Sdk to open it; the file was left untouched.");
        }
    }
}
