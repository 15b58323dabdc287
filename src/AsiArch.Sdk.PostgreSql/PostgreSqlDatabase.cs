using Npgsql;

namespace AsiArch.Sdk.PostgreSql;

/// <summary>
/// Connections to one schema of one PostgreSQL database, and the versioned migration of a store's tables there. The
/// schema is inspected read-only first: a foreign table, a foreign <c>asiarch_schema</c> table or a newer version raises
/// <see cref="ExperimentStoreException"/> before anything is created, and migrations of concurrent processes are
/// serialised by a transaction-scoped advisory lock.
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable, IDisposable
{
    private const string SchemaTable = "asiarch_schema";
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    public PostgreSqlDatabase(PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Schema = options.Schema;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            SearchPath = options.Schema,
            CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),
        };
        Description = $"{builder.Host}:{builder.Port}/{builder.Database} schema {options.Schema}";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>The schema the tables live in.</summary>
    public string Schema { get; }

    /// <summary>Host, port, database and schema, for messages (no credentials).</summary>
    public string Description { get; }

    /// <summary>Opens a pooled connection whose search path is the store's schema.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (ex is not PostgresException)
        {
            throw new ExperimentStoreException($"Could not connect to the PostgreSQL store at {Description}: {ex.Message}", ex);
        }
        catch (PostgresException ex)
        {
            throw new ExperimentStoreException($"Could not connect to the PostgreSQL store at {Description}: {ex.MessageText}", ex);
        }
    }

    /// <summary>
    /// <see cref="InitializeAsync"/> once for this database object: later calls return at once, concurrent first calls
    /// wait for the one that runs.
    /// </summary>
    public async Task EnsureInitializedAsync(TableSchema tables, string storeName, CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await InitializeAsync(tables, storeName, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>Checks the schema of <paramref name="tables"/> and applies the missing migrations. Safe to race with other processes.</summary>
    public async Task InitializeAsync(TableSchema tables, string storeName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read-only inspection first, outside any lock: a foreign or newer schema is reported with nothing written.
            var version = await ReadVersionAsync(connection, null, tables, storeName, cancellationToken).ConfigureAwait(false);
            if (version == tables.CurrentVersion)
            {
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('asiarch_schema:' || @schema))", connection, transaction))
            {
                command.Parameters.AddWithValue("schema", Schema);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // Another process may have migrated while we waited for the lock.
            version = await ReadVersionAsync(connection, transaction, tables, storeName, cancellationToken).ConfigureAwait(false);
            if (version < tables.CurrentVersion)
            {
                // CREATE SCHEMA needs CREATE on the database even when the schema exists, so only when it is missing.
                await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = @schema", connection, transaction);
                command.Parameters.AddWithValue("schema", Schema);
                var schemaExists = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
                command.Parameters.Clear();
                command.CommandText = (schemaExists ? "" : $"CREATE SCHEMA \"{Schema}\"; ") +
                    $"CREATE TABLE IF NOT EXISTS {SchemaTable} (component text PRIMARY KEY, version integer NOT NULL)";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                for (var v = version; v < tables.CurrentVersion; v++)
                {
                    command.CommandText = tables.Migrations[v];
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                command.CommandText =
                    $"INSERT INTO {SchemaTable}(component, version) VALUES (@component, @version) " +
                    "ON CONFLICT (component) DO UPDATE SET version = excluded.version";
                command.Parameters.AddWithValue("component", tables.Component);
                command.Parameters.AddWithValue("version", tables.CurrentVersion);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            throw new ExperimentStoreException(
                $"Could not prepare the {storeName} tables in the PostgreSQL store at {Description}: {ex.MessageText}. Nothing was changed.", ex);
        }
    }

    /// <summary>Clears this store's pooled connections.</summary>
    public void Dispose() => _dataSource.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<int> ReadVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, TableSchema tables, string storeName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname = @schema AND c.relname = ANY(@names)",
            connection,
            transaction);
        command.Parameters.AddWithValue("schema", Schema);
        command.Parameters.AddWithValue("names", new[] { SchemaTable, tables.MarkerTable });
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                present.Add(reader.GetString(0));
            }
        }

        var version = 0;
        if (present.Contains(SchemaTable))
        {
            command.Parameters.Clear();
            command.CommandText =
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table " +
                "AND ((column_name = 'component' AND data_type = 'text') OR (column_name = 'version' AND data_type = 'integer'))";
            command.Parameters.AddWithValue("schema", Schema);
            command.Parameters.AddWithValue("table", SchemaTable);
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) != 2)
            {
                throw new ExperimentStoreException(
                    $"The schema '{Schema}' at {Description} holds a table '{SchemaTable}' that AsiArch did not create " +
                    "(it lacks the text column 'component' and the integer column 'version'). Use another schema or database; nothing was changed.");
            }

            command.Parameters.Clear();
            command.CommandText = $"SELECT version FROM \"{Schema}\".{SchemaTable} WHERE component = @component";
            command.Parameters.AddWithValue("component", tables.Component);
            version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int v ? v : 0;
        }

        if (version > tables.CurrentVersion)
        {
            throw new ExperimentStoreException(
                $"The {storeName} at {Description} has schema version {version}, newer than the version {tables.CurrentVersion} " +
                "this AsiArch.Sdk supports. Upgrade AsiArch.Sdk to open it; nothing was changed.");
        }

        if (version < 0)
        {
            throw new ExperimentStoreException(
                $"The {storeName} at {Description} records schema version {version}, which no AsiArch.Sdk writes: the '{SchemaTable}' table is corrupt. Nothing was changed.");
        }

        if (version == 0 && present.Contains(tables.MarkerTable))
        {
            throw new ExperimentStoreException(
                $"The schema '{Schema}' at {Description} already holds a table named '{tables.MarkerTable}' that no AsiArch {storeName} created " +
                $"(no '{tables.Component}' row in {SchemaTable}). Use another schema or database; nothing was changed.");
        }

        return version;
    }
}
