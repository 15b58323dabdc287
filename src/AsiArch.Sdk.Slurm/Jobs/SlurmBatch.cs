namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>One submitted job array: its directory in the shared folder, its script and the tasks still open.</summary>
internal sealed class SlurmBatch(string directory, string scriptPath, int taskCount)
{
    private int _open = taskCount;

    public string Directory { get; } = directory;

    public string ScriptPath { get; } = scriptPath;

    /// <summary>Marks one task finished; true when it was the last one.</summary>
    public bool FinishOne() => Interlocked.Decrement(ref _open) == 0;
}
