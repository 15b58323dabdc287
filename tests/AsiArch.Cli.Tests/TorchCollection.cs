namespace AsiArch.Cli.Tests;

/// <summary>Tests that train in the worker run one at a time (one torch job on the machine).</summary>
[CollectionDefinition("torch", DisableParallelization = true)]
public sealed class TorchCollection;
