using Microsoft.Data.Sqlite;

namespace AsiArch.Sdk.Tests.Cognition;

/// <summary>A temporary folder deleted (with pooled SQLite connections released) on dispose.</summary>
internal sealed class CognitionTempFolder : IDisposable
{
    public CognitionTempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "asiarch-cognition-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leaked temp folder must not fail a test.
        }
    }
}
