namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>One start of an array task, as the job script recorded it.</summary>
/// <param name="JobId">Slurm's job id of the task.</param>
/// <param name="RestartCount"><c>SLURM_RESTART_COUNT</c>: 0 on the first start, one more per requeue.</param>
/// <param name="Node">The node it ran on.</param>
/// <param name="JobGpus"><c>SLURM_JOB_GPUS</c>, or null.</param>
/// <param name="VisibleDevices"><c>CUDA_VISIBLE_DEVICES</c>, or null.</param>
internal sealed record TaskAttempt(string JobId, int RestartCount, string Node, string? JobGpus, string? VisibleDevices)
{
    /// <summary>Reads one <c>attempts</c> line; null when it is not one.</summary>
    public static TaskAttempt? Parse(string line)
    {
        var parts = line.Trim().Split(' ');
        if (parts.Length < 5 || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var restarts))
        {
            return null;
        }

        return new TaskAttempt(parts[0], restarts, parts[2], parts[3] == "-" ? null : parts[3], parts[4] == "-" ? null : parts[4]);
    }
}
