namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>What the controller says about one array task.</summary>
/// <param name="ArrayJobId">The array's job id (what <c>sbatch</c> printed).</param>
/// <param name="TaskIndex">The task's index in the array.</param>
/// <param name="State">The Slurm job state in capitals (<c>PENDING</c>, <c>RUNNING</c>, <c>TIMEOUT</c>, ...).</param>
/// <param name="Reason">Slurm's reason for the state, or null.</param>
/// <param name="Node">The node(s) running it, or null.</param>
/// <param name="Comment">The job's comment (this library writes <c>asiarch:BATCH</c>), or null.</param>
internal sealed record SlurmJobStatus(string ArrayJobId, int TaskIndex, string State, string? Reason, string? Node, string? Comment = null)
{
    /// <summary>The task's id as Slurm commands take it: <c>ARRAYID_INDEX</c>.</summary>
    public string TaskId => $"{ArrayJobId}_{TaskIndex}";

    /// <summary>True when the job will not run (again) by itself.</summary>
    public bool IsTerminal => SlurmStates.IsTerminal(State);
}
