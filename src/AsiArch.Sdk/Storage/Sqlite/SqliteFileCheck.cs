namespace AsiArch.Sdk.Storage.Sqlite;

/// <summary>
/// The checks every SQLite-backed store makes before it opens a file for writing, so a file that is not a database is
/// refused with a specific message and never modified.
/// </summary>
internal static class SqliteFileCheck
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>
    /// Creates the folder of a missing file, and refuses an existing non-empty file that lacks the SQLite header.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <param name="role">What the caller uses the file as, for messages (e.g. "experiment store").</param>
    /// <returns>True when the file holds data the caller must still check (schema version, foreign tables).</returns>
    /// <exception cref="ExperimentStoreException">The file cannot be read or is not a SQLite database.</exception>
    public static bool HasExistingDatabase(string path, string role)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            Directory.CreateDirectory(info.DirectoryName!);
            return false;
        }

        // SQLite treats an empty file as an empty database; anything else must carry the 100-byte header.
        if (info.Length == 0)
        {
            return false;
        }

        var header = new byte[SqliteHeader.Length];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ExperimentStoreException($"Could not read the {role} '{path}': {ex.Message}", ex);
        }

        if (read < header.Length || info.Length < 100 || !header.AsSpan().SequenceEqual(SqliteHeader))
        {
            throw new ExperimentStoreException(
                $"'{path}' is not a SQLite database (it does not start with the SQLite file header). " +
                $"Refusing to use it as {Article(role)} {role}; the file was left untouched.");
        }

        return true;
    }

    private static string Article(string noun) => "aeiou".Contains(char.ToLowerInvariant(noun[0]), StringComparison.Ordinal) ? "an" : "a";
}
