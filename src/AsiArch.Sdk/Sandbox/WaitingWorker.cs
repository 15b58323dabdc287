namespace AsiArch.Sdk.Sandbox;

/// <summary>A worker started ahead of its job (libtorch loading or loaded, no candidate yet) and its scratch directory.</summary>
internal sealed class WaitingWorker(SandboxProcess process, string scratch) : IDisposable
{
    public SandboxProcess Process { get; } = process;

    public string Scratch { get; } = scratch;

    /// <summary>Kills the worker and deletes its scratch directory.</summary>
    public void Dispose()
    {
        Process.Dispose();
        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort, as for every scratch directory.
        }
    }
}
