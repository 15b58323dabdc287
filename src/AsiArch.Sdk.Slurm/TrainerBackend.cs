namespace AsiArch.Sdk.Slurm;

/// <summary>Where candidates train.</summary>
public enum TrainerBackend
{
    /// <summary>The sandboxed worker on this machine (<c>SandboxedTrainer</c>), the default.</summary>
    Local,

    /// <summary>Slurm batch jobs running the same worker (<see cref="SlurmTrainer"/>).</summary>
    Slurm,
}
