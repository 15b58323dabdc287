namespace AsiArch.Sdk.IntegrationTests.Sandbox;

/// <summary>Tests that run torch (in the worker or in-process) never overlap: two torch jobs on 2 cores oversubscribe.</summary>
[CollectionDefinition("torch", DisableParallelization = true)]
public sealed class TorchCollection
{
}
