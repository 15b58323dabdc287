using Microsoft.Data.Sqlite;

namespace AsiArch.Sdk.Cognition;

/// <summary>The cognition tables and their version row in the shared <c>asiarch_schema</c> table.</summary>
internal static class CognitionSchema
{
    public const string Component = "cognition";
    public const int CurrentVersion = 1;

    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS asiarch_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS cognition_entries (
            id TEXT PRIMARY KEY,
            trigger_patterns TEXT NOT NULL,
            background TEXT NOT NULL,
            algorithmic_innovation TEXT NOT NULL,
            design_insight TEXT NOT NULL,
            implementation_guidance TEXT NOT NULL,
            source_title TEXT,
            source_arxiv TEXT,
            source_year INTEGER,
            source_authors TEXT,
            kind TEXT NOT NULL,
            experiment_index INTEGER,
            created_at TEXT NOT NULL,
            embedding BLOB NOT NULL,
            embedding_model TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS cognition_fts USING fts5(
            id UNINDEXED, trigger_patterns, title, body, tokenize = 'porter unicode61');
        INSERT INTO asiarch_schema (component, version) VALUES ('cognition', 1)
            ON CONFLICT (component) DO UPDATE SET version = excluded.version;
        """;

    /// <summary>The stored version (0 when the component has no row or the schema table is missing).</summary>
    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'asiarch_schema'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT version FROM asiarch_schema WHERE component = 'cognition'";
        return command.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>True when a table of that name exists.</summary>
    public static bool TableExists(SqliteConnection connection, string name, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Creates the tables (version 0 to 1).</summary>
    public static void Migrate(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = CreateSql;
        command.ExecuteNonQuery();
    }
}
