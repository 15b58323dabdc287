using AsiArch.Sdk.TorchSharp;

namespace AsiArch.Sdk.TorchSharp.Tests;

/// <summary>Every test that touches torch runs in this one non-parallel collection with a 2-thread runtime.</summary>
[CollectionDefinition("torch", DisableParallelization = true)]
public sealed class TorchCollection : ICollectionFixture<TorchFixture>
{
}

/// <summary>Initialises torch once for the collection with 2 threads (the machine's share for one torch job).</summary>
public sealed class TorchFixture
{
    /// <summary>Creates the fixture.</summary>
    public TorchFixture() => TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Threads = 2, Device = ComputeDevice.Cpu });
}
