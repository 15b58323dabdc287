namespace AsiArch.Sdk.Sandbox;

/// <summary>A worker's private scratch directory, removed when the worker is done with it.</summary>
internal static class ScratchDirectory
{
    /// <summary>Deletes <paramref name="directory"/> and what it holds; best effort.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still held by a dying process; the temp directory is cleaned by the OS.
        }
    }
}
