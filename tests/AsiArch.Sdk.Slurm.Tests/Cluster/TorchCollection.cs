namespace AsiArch.Sdk.Slurm.Tests.Cluster;

/// <summary>Tests that run torch (the real worker through Slurm) never overlap.</summary>
[CollectionDefinition("torch", DisableParallelization = true)]
public sealed class TorchCollection
{
}
