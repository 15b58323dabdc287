using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AsiArch.Sdk.Storage.Sqlite;

/// <summary>
/// Opens connections to one database file and brings its experiment schema up to date. A file is checked read-only
/// first (header bytes, integrity, schema version) so a foreign, damaged or newer file is reported without a single
/// byte written to it.
/// </summary>
internal sealed class SqliteDatabase
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException("The SQLite store needs a database path (AsiArch:Store:Path).", nameof(options));
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BusyTimeout, "The busy timeout must not be negative.");
        }

        Path = System.IO.Path.GetFullPath(options.Path);
        VerifyOnOpen = options.VerifyOnOpen;
        _busyTimeoutMilliseconds = (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite also retries SQLITE_BUSY until the command timeout (0 would mean forever).
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    private bool VerifyOnOpen { get; }

    /// <summary>Validates the file, switches it to WAL and migrates the schema. Safe to race with other processes.</summary>
    public void Initialize()
    {
        Validate();
        try
        {
            using var connection = Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode=WAL";
                var mode = command.ExecuteScalar() as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ExperimentStoreException(
                        $"Could not switch '{Path}' to write-ahead logging (journal mode is '{mode}'); the store needs WAL for durable concurrent writes.");
                }
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            var version = ExperimentSchema.ReadVersion(connection, transaction);
            EnsureNotNewer(version);
            if (version < ExperimentSchema.CurrentVersion)
            {
                if (version == 0 && ExperimentSchema.TableExists(connection, "experiments", transaction))
                {
                    throw ForeignTable();
                }

                ExperimentSchema.Migrate(connection, transaction, version);
            }

            transaction.Commit();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw Corrupt(ex);
        }
        catch (SqliteException ex)
        {
            throw new ExperimentStoreException($"Could not open the experiment store '{Path}': {ex.Message}", ex);
        }
    }

    /// <summary>Opens a read-write connection with the durability settings applied.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // synchronous and busy_timeout are per connection; WAL is stored in the file by Initialize.
            command.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Releases pooled connections to the file.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void Validate()
    {
        if (!SqliteFileCheck.HasExistingDatabase(Path, "experiment store"))
        {
            return;
        }

        var readOnly = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        try
        {
            using var connection = new SqliteConnection(readOnly);
            connection.Open();
            if (VerifyOnOpen)
            {
                using var check = connection.CreateCommand();
                check.CommandText = "PRAGMA quick_check(5)";
                var problems = new List<string>();
                using (var reader = check.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        problems.Add(reader.GetString(0));
                    }
                }

                if (problems is not ["ok"])
                {
                    throw new ExperimentStoreException(
                        $"The experiment store '{Path}' is corrupt (SQLite quick_check: {string.Join("; ", problems)}). " +
                        "The file was left untouched; restore it from a backup or export what is readable.");
                }
            }

            var version = ExperimentSchema.ReadVersion(connection);
            EnsureNotNewer(version);
            if (version == 0 && ExperimentSchema.TableExists(connection, "experiments"))
            {
                throw ForeignTable();
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw Corrupt(ex);
        }
        catch (SqliteException ex)
        {
            throw new ExperimentStoreException($"Could not open the experiment store '{Path}' to check it: {ex.Message}", ex);
        }
    }

    private void EnsureNotNewer(int version)
    {
        if (version > ExperimentSchema.CurrentVersion)
        {
            throw new ExperimentStoreException(
                $"The experiment store '{Path}' has schema version {version}, newer than the version {ExperimentSchema.CurrentVersion} " +
                "this AsiArch.Sdk supports. Upgrade AsiArch.Sdk to open it; the file was left untouched.");
        }
    }

    private ExperimentStoreException ForeignTable() => new(
        $"'{Path}' already holds a table named 'experiments' that no AsiArch experiment store created " +
        $"(no '{ExperimentSchema.Component}' row in {ExperimentSchema.SchemaTable}). Use another file; this one was left untouched.");

    private ExperimentStoreException Corrupt(SqliteException ex) => new(
        $"The experiment store '{Path}' is corrupt or not a database ({ex.Message}). " +
        "The file was left untouched; restore it from a backup.",
        ex);
}
