using System.Globalization;
using AsiArch.Sdk.Cognition;
using Microsoft.Extensions.AI;
using Npgsql;

namespace AsiArch.Sdk.PostgreSql;

/// <summary>
/// An <see cref="ICognitionStore"/> on PostgreSQL, sharing the experiment store's database and schema (it keeps to the
/// <c>cognition_entries</c> table and its <c>cognition</c> row of <c>asiarch_schema</c>). Retrieval fuses two rankings by
/// reciprocal rank, as <see cref="SqliteCognitionStore"/> does: <c>ts_rank</c> over a stored tsvector (trigger patterns
/// weight 1, title 0.2, other fields 0.1, English stemming) and cosine similarity of embeddings of the trigger patterns,
/// from the configured <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> or the built-in <see cref="HashingTextEmbedder"/>.
/// </summary>
/// <remarks>
/// A foreign <c>cognition_entries</c> table or a newer cognition schema raises <see cref="ExperimentStoreException"/> and
/// changes nothing. Queries are reduced to quoted words, so punctuation and tsquery syntax never raise.
/// </remarks>
public sealed class PostgreSqlCognitionStore : ICognitionStore, IAsyncDisposable, IDisposable
{
    private const int RrfK = 60;

    private const string SelectSql = """
        SELECT id, trigger_patterns, background, algorithmic_innovation, design_insight, implementation_guidance,
               source_title, source_arxiv, source_year, source_authors, kind, experiment_index, created_at
        FROM cognition_entries
        """;

    private readonly PostgreSqlDatabase _database;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;
    private readonly HashingTextEmbedder _hashing;
    private readonly TimeProvider _timeProvider;
    private readonly double _lexicalWeight;
    private volatile bool _disposed;

    /// <summary>Creates a store; the database is opened and checked on first use.</summary>
    /// <param name="options">Connection string, schema and retrieval settings.</param>
    /// <param name="embeddingGenerator">An embedding model; when null the built-in hashing embedder is used.</param>
    /// <param name="timeProvider">Clock for <see cref="CognitionEntry.CreatedAt"/> when an entry has none.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public PostgreSqlCognitionStore(
        PostgreSqlStoreOptions options,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null,
        TimeProvider? timeProvider = null)
    {
        _database = new PostgreSqlDatabase(options);
        _generator = embeddingGenerator;
        _hashing = new HashingTextEmbedder(options.HashingDimensions);
        _lexicalWeight = options.LexicalWeight;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The schema version of the cognition table this library writes.</summary>
    public static int SchemaVersion => CognitionTables.Schema.CurrentVersion;

    /// <summary>The id of the embedding model whose vectors the store ranks with.</summary>
    public string EmbeddingModelId =>
        _generator is null ? _hashing.ModelId
            : "generator:" + (_generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? _generator.GetType().Name);

    /// <summary>Creates a store and opens it now, so an unreachable server or a bad schema is reported here.</summary>
    /// <exception cref="ExperimentStoreException">The server is unreachable, or the cognition schema is foreign or newer.</exception>
    public static async Task<PostgreSqlCognitionStore> OpenAsync(
        PostgreSqlStoreOptions options,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var store = new PostgreSqlCognitionStore(options, embeddingGenerator, timeProvider);
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

    /// <summary>Checks the schema and creates the table (done automatically on first use).</summary>
    /// <exception cref="ExperimentStoreException">The server is unreachable, or the cognition schema is foreign or newer.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _database.EnsureInitializedAsync(CognitionTables.Schema, "cognition store", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AddAsync(CognitionEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Check(entry, nameof(entry));
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var vector = await EmbedAsync(entry.TriggerPatterns, cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await UpsertAsync(connection, null, Stamp(entry), vector, EmbeddingModelId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CognitionHit>> SearchAsync(string query, int count = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await RefreshEmbeddingsAsync(cancellationToken).ConfigureAwait(false);
        var pool = Math.Max(count * 5, 50);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

        var lexical = new List<string>();
        if (TextSearchQuery.FromText(query) is { } match)
        {
            await using var command = new NpgsqlCommand(
                "SELECT id FROM cognition_entries, to_tsquery('english', @match) q WHERE search @@ q " +
                "ORDER BY ts_rank('{0, 0.1, 0.2, 1}', search, q) DESC, id LIMIT @limit",
                connection);
            command.Parameters.AddWithValue("match", match);
            command.Parameters.AddWithValue("limit", pool);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lexical.Add(reader.GetString(0));
            }
        }

        var semantic = new List<string>();
        var queryVector = await EmbedAsync(query, cancellationToken).ConfigureAwait(false);
        if (queryVector.Any(v => v != 0))
        {
            var scored = new List<(string Id, double Cosine)>();
            await using var command = new NpgsqlCommand("SELECT id, embedding FROM cognition_entries", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var vector = reader.GetFieldValue<float[]>(1);
                if (vector.Length == queryVector.Length)
                {
                    scored.Add((reader.GetString(0), Dot(queryVector, vector)));
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

        Fuse(lexical, _lexicalWeight);
        Fuse(semantic, 1 - _lexicalWeight);
        var hits = new List<CognitionHit>();
        foreach (var (id, score) in fused.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(count))
        {
            if (await GetAsync(connection, id, cancellationToken).ConfigureAwait(false) is { } entry)
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
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CognitionEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // COLLATE "C": ordinal order by id, as the SQLite store and the contract's "ordered by id" mean it.
        await using var command = new NpgsqlCommand(SelectSql + " ORDER BY id COLLATE \"C\"", connection);
        var list = new List<CognitionEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM cognition_entries WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
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

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (entry, vector) in prepared)
        {
            await UpsertAsync(connection, transaction, entry, vector, EmbeddingModelId, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return prepared.Count;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    /// <summary>Closes the pooled connections.</summary>
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

    private static async Task UpsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CognitionEntry e, float[] vector, string model, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO cognition_entries (id, trigger_patterns, background, algorithmic_innovation, design_insight,
                implementation_guidance, source_title, source_arxiv, source_year, source_authors, kind, experiment_index,
                created_at, embedding, embedding_model)
            VALUES (@id, @trigger, @background, @innovation, @design, @guidance, @title, @arxiv, @year, @authors, @kind,
                @experiment, @created, @embedding, @model)
            ON CONFLICT (id) DO UPDATE SET trigger_patterns = excluded.trigger_patterns, background = excluded.background,
                algorithmic_innovation = excluded.algorithmic_innovation, design_insight = excluded.design_insight,
                implementation_guidance = excluded.implementation_guidance, source_title = excluded.source_title,
                source_arxiv = excluded.source_arxiv, source_year = excluded.source_year, source_authors = excluded.source_authors,
                kind = excluded.kind, experiment_index = excluded.experiment_index, created_at = excluded.created_at,
                embedding = excluded.embedding, embedding_model = excluded.embedding_model
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("id", e.Id);
        command.Parameters.AddWithValue("trigger", e.TriggerPatterns);
        command.Parameters.AddWithValue("background", e.Background ?? "");
        command.Parameters.AddWithValue("innovation", e.AlgorithmicInnovation ?? "");
        command.Parameters.AddWithValue("design", e.DesignInsight ?? "");
        command.Parameters.AddWithValue("guidance", e.ImplementationGuidance ?? "");
        command.Parameters.AddWithValue("title", (object?)e.Source?.Title ?? DBNull.Value);
        command.Parameters.AddWithValue("arxiv", (object?)e.Source?.ArxivId ?? DBNull.Value);
        command.Parameters.AddWithValue("year", (object?)e.Source?.Year ?? DBNull.Value);
        command.Parameters.AddWithValue("authors", (object?)e.Source?.Authors ?? DBNull.Value);
        command.Parameters.AddWithValue("kind", e.Kind.ToString());
        command.Parameters.AddWithValue("experiment", (object?)e.ExperimentIndex ?? DBNull.Value);
        command.Parameters.AddWithValue("created", e.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("embedding", vector);
        command.Parameters.AddWithValue("model", model);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        if (_generator is null)
        {
            return _hashing.Embed(text);
        }

        var generated = await _generator.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (generated.Count != 1)
        {
            throw new InvalidOperationException($"The embedding generator returned {generated.Count} embeddings for one input.");
        }

        var vector = generated[0].Vector.ToArray();
        HashingTextEmbedder.Normalize(vector);
        return vector;
    }

    // Entries embedded by another model (the embedder changed since they were added) are re-embedded before ranking.
    private async Task RefreshEmbeddingsAsync(CancellationToken cancellationToken)
    {
        var stale = new List<(string Id, string Trigger)>();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT id, trigger_patterns FROM cognition_entries WHERE embedding_model <> @model", connection))
        {
            command.Parameters.AddWithValue("model", EmbeddingModelId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var update = new NpgsqlCommand("UPDATE cognition_entries SET embedding = @embedding, embedding_model = @model WHERE id = @id", connection, transaction);
        foreach (var (id, vector) in vectors)
        {
            update.Parameters.Clear();
            update.Parameters.AddWithValue("embedding", vector);
            update.Parameters.AddWithValue("model", EmbeddingModelId);
            update.Parameters.AddWithValue("id", id);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CognitionEntry?> GetAsync(NpgsqlConnection connection, string id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(SelectSql + " WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static CognitionEntry Read(NpgsqlDataReader r)
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

    private static double Dot(float[] a, float[] b)
    {
        // Both vectors are L2-normalised, so the dot product is the cosine.
        double dot = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }
}
