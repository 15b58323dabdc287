namespace AsiArch.Sdk;

/// <summary>Where tensors live during training.</summary>
public enum ComputeDevice
{
    /// <summary>CUDA when a CUDA backend and a GPU are present, else the CPU.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>The first CUDA GPU; fails when none is available.</summary>
    Cuda,
}
