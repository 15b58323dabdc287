namespace AsiArch.Sdk.Slurm.Tests.Cluster;

/// <summary>A test that needs the Slurm commands; skipped (with the reason) only where they are not installed.</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    /// <summary>Skips when <c>sbatch</c>/<c>squeue</c> are not on PATH.</summary>
    public SlurmFactAttribute()
    {
        if (!SlurmTrainer.IsSlurmAvailable())
        {
            Skip = "Slurm is not installed here (sbatch/squeue not on PATH); scripts/setup/slurm.sh installs and starts a single-node cluster (root, Debian 12).";
        }
    }
}
