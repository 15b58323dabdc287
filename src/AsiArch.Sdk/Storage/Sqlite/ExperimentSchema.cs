using Microsoft.Data.Sqlite;

namespace AsiArch.Sdk.Storage.Sqlite;

/// <summary>
/// The experiment store's tables and their migrations. The version lives in the shared table
/// <c>asiarch_schema(component, version)</c> under the component <c>experiments</c>, next to other stores' rows.
/// </summary>
internal static class ExperimentSchema
{
    public const string Component = "experiments";

    public const string SchemaTable = "asiarch_schema";

    /// <summary>Migrations in order; migration i (0-based) takes the schema from version i to i + 1.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE experiments (
            idx             INTEGER PRIMARY KEY AUTOINCREMENT,
            parent          INTEGER NULL,
            name            TEXT NOT NULL,
            kind            TEXT NOT NULL,
            status          TEXT NOT NULL,
            failure_kind    TEXT NULL,
            failure_json    TEXT NULL,
            motivation      TEXT NOT NULL,
            program         TEXT NOT NULL,
            design_spec     TEXT NULL,
            profile         TEXT NULL,
            seed            INTEGER NOT NULL,
            probes_json     TEXT NULL,
            result_json     TEXT NULL,
            judgement_json  TEXT NULL,
            fitness_json    TEXT NULL,
            score           REAL NULL,
            analysis_json   TEXT NULL,
            cognition_json  TEXT NOT NULL,
            attempts_json   TEXT NOT NULL,
            log             TEXT NOT NULL,
            sandbox         TEXT NOT NULL,
            costs_json      TEXT NOT NULL,
            created_at      TEXT NOT NULL,
            updated_at      TEXT NOT NULL,
            properties_json TEXT NULL
        );
        CREATE INDEX experiments_parent ON experiments(parent);
        CREATE INDEX experiments_status ON experiments(status);
        CREATE INDEX experiments_score ON experiments(score DESC, idx);

        CREATE VIRTUAL TABLE experiment_fts USING fts5(
            name, motivation, content='experiments', content_rowid='idx', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER experiments_fts_insert AFTER INSERT ON experiments BEGIN
            INSERT INTO experiment_fts(rowid, name, motivation) VALUES (new.idx, new.name, new.motivation);
        END;
        CREATE TRIGGER experiments_fts_delete AFTER DELETE ON experiments BEGIN
            INSERT INTO experiment_fts(experiment_fts, rowid, name, motivation) VALUES ('delete', old.idx, old.name, old.motivation);
        END;
        CREATE TRIGGER experiments_fts_update AFTER UPDATE OF name, motivation ON experiments BEGIN
            INSERT INTO experiment_fts(experiment_fts, rowid, name, motivation) VALUES ('delete', old.idx, old.name, old.motivation);
            INSERT INTO experiment_fts(rowid, name, motivation) VALUES (new.idx, new.name, new.motivation);
        END;

        CREATE TABLE experiment_pool (
            rank INTEGER PRIMARY KEY,
            idx  INTEGER NOT NULL UNIQUE
        );

        CREATE TABLE experiment_interactions (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            experiment_idx INTEGER NULL,
            role           TEXT NOT NULL,
            step           TEXT NOT NULL,
            request_hash   TEXT NOT NULL,
            request        TEXT NOT NULL,
            response       TEXT NOT NULL,
            model          TEXT NULL,
            usage_json     TEXT NOT NULL,
            created_at     TEXT NOT NULL
        );
        CREATE INDEX experiment_interactions_hash ON experiment_interactions(request_hash, id);
        CREATE INDEX experiment_interactions_experiment ON experiment_interactions(experiment_idx, id);

        CREATE TABLE experiment_run_values (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this library writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Reads the stored version (0 when the component has no row or the schema table is missing).</summary>
    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table";
        command.Parameters.AddWithValue("$table", SchemaTable);
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        command.Parameters.Clear();
        command.CommandText = $"SELECT version FROM {SchemaTable} WHERE component = $component";
        command.Parameters.AddWithValue("$component", Component);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True when a table of that name exists.</summary>
    public static bool TableExists(SqliteConnection connection, string table, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = $table";
        command.Parameters.AddWithValue("$table", table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Applies the missing migrations inside <paramref name="transaction"/> and records the new version.</summary>
    public static void Migrate(SqliteConnection connection, SqliteTransaction transaction, int fromVersion)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"CREATE TABLE IF NOT EXISTS {SchemaTable} (component TEXT PRIMARY KEY, version INTEGER NOT NULL)";
        command.ExecuteNonQuery();

        for (var version = fromVersion; version < Migrations.Length; version++)
        {
            command.CommandText = Migrations[version];
            command.ExecuteNonQuery();
        }

        command.CommandText =
            $"INSERT INTO {SchemaTable}(component, version) VALUES ($component, $version) " +
            "ON CONFLICT(component) DO UPDATE SET version = excluded.version";
        command.Parameters.AddWithValue("$component", Component);
        command.Parameters.AddWithValue("$version", Migrations.Length);
        command.ExecuteNonQuery();
    }
}
