namespace AsiArch.Sdk.Slurm.Tests.Cluster;

/// <summary>The test that kills and restarts slurmctld runs alone, after the parallel tests.</summary>
[CollectionDefinition("controller", DisableParallelization = true)]
public sealed class ControllerCollection
{
}
