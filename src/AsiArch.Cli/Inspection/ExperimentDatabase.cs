using AsiArch.Sdk;
using AsiArch.Sdk.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AsiArch.Cli.Inspection;

/// <summary>Opens a run database for the read commands without ever creating one.</summary>
public static class ExperimentDatabase
{
    /// <summary>
    /// Opens an existing database. A missing file is a clear failure and no file is created; a file that is not an
    /// experiment store (corrupt, foreign, newer schema) is reported with the store's own message.
    /// </summary>
    /// <param name="path">The database path from <c>--db</c>.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="CliCommandException">The file is missing or unusable.</exception>
    public static async Task<SqliteExperimentStore> OpenExistingAsync(string path, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliCommandException("--db needs a file path.", InspectionExitCodes.Usage);
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliCommandException($"'{full}' is a directory, not a database file. Pass the .db file with --db.");
        }

        if (!File.Exists(full))
        {
            throw new CliCommandException(
                $"No database at '{full}'. Pass the run's database with --db PATH (a run creates it: asiarch run --db PATH). Nothing was created.");
        }

        if (new FileInfo(full).Length == 0)
        {
            throw new CliCommandException($"'{full}' is empty: it is not an AsiArch run database. Nothing was written to it.");
        }

        if (HoldsNoExperimentSchema(full))
        {
            throw new CliCommandException(
                $"'{full}' is a SQLite database but not an AsiArch run database (it has no experiment tables). Nothing was written to it.");
        }

        try
        {
            return await SqliteExperimentStore.OpenAsync(full, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ExperimentStoreException ex)
        {
            throw new CliCommandException(ex.Message, ex);
        }
    }

    /// <summary>
    /// True when the file opens as SQLite but lacks the experiment schema. Opening the store would create the schema
    /// in it, which a read command must never do. Anything unreadable returns false so the store reports it precisely.
    /// </summary>
    private static bool HoldsNoExperimentSchema(string path)
    {
        var readOnly = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(readOnly);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('asiarch_schema', 'experiments')";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) < 2;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>Validates a <c>--profile</c> value against the known profiles; null passes through.</summary>
    /// <param name="name">The value.</param>
    /// <returns>The canonical profile name, or null.</returns>
    /// <exception cref="CliCommandException">Unknown profile (exit code 2).</exception>
    public static string? ResolveProfile(string? name)
    {
        if (name is null)
        {
            return null;
        }

        try
        {
            return TrainingProfiles.Get(name).Name;
        }
        catch (ArgumentException)
        {
            throw new CliCommandException(
                $"Unknown profile '{name}'. Known profiles: {string.Join(", ", TrainingProfiles.All.Select(p => p.Name))}.",
                InspectionExitCodes.Usage);
        }
    }

    /// <summary>Loads an experiment or fails with a message naming the valid range.</summary>
    /// <param name="store">The store.</param>
    /// <param name="index">The experiment index.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CliCommandException">No such experiment.</exception>
    public static async Task<ExperimentRecord> GetExistingAsync(SqliteExperimentStore store, long index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var record = await store.GetAsync(index, cancellationToken).ConfigureAwait(false);
        if (record is not null)
        {
            return record;
        }

        var last = await store.QueryAsync(new ExperimentQuery { OrderBy = ExperimentOrder.IndexDescending, Take = 1 }, cancellationToken).ConfigureAwait(false);
        var range = last.Count == 0 ? "the database holds no experiment yet" : $"indexes go up to {last[0].Index}";
        throw new CliCommandException($"No experiment with index {index} in '{store.DatabasePath}' ({range}). List them with: asiarch top --db PATH");
    }
}
