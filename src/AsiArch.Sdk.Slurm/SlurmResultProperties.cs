namespace AsiArch.Sdk.Slurm;

/// <summary>Keys <see cref="SlurmTrainer"/> adds to <see cref="TrainingResult.AdditionalProperties"/>.</summary>
public static class SlurmResultProperties
{
    /// <summary>The array task's job id (<c>ARRAYID_INDEX</c>).</summary>
    public const string JobId = "slurmJobId";

    /// <summary>The final Slurm state (<c>COMPLETED</c>, <c>TIMEOUT</c>, ...), or <c>UNKNOWN</c> once the controller forgot the job.</summary>
    public const string State = "slurmState";

    /// <summary>The node that ran the last attempt.</summary>
    public const string Node = "slurmNode";

    /// <summary><c>SLURM_JOB_GPUS</c> of the last attempt (GPU indexes on the node), when GPUs were allocated.</summary>
    public const string JobGpus = "slurmJobGpus";

    /// <summary><c>CUDA_VISIBLE_DEVICES</c> of the last attempt, when GPUs were allocated.</summary>
    public const string VisibleDevices = "slurmVisibleDevices";

    /// <summary>Times the job started (more than 1 after requeues and resubmissions).</summary>
    public const string Attempts = "slurmAttempts";

    /// <summary>Times this library resubmitted the job after Slurm preempted or lost it without requeueing it.</summary>
    public const string Resubmits = "slurmResubmits";
}
