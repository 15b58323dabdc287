namespace AsiArch.Sdk.TorchSharp;

/// <summary>How <see cref="TorchRuntime.EnsureInitialized"/> sets up libtorch.</summary>
public sealed record TorchRuntimeOptions
{
    /// <summary>
    /// The device tensors go to. <see cref="ComputeDevice.Auto"/> picks CUDA when a CUDA backend is referenced and a GPU
    /// is present, else the CPU.
    /// </summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Auto;

    /// <summary>
    /// Intra-op CPU threads (<c>torch.set_num_threads</c>). Null means all cores, right for one job per machine; use
    /// fewer when several torch processes share the machine (oversubscription makes each much slower).
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Writable directory for the patched native library copy (see <see cref="TorchRuntime"/>). Null means
    /// <c>$XDG_CACHE_HOME/asiarch/natives</c>, else <c>~/.cache/asiarch/natives</c>, else the temp directory.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// Extra directories searched for the libtorch backend after the ones the .NET host knows. The sandboxed worker
    /// ships without libtorch and gets the application's backend folder here, so it runs on the backend package the
    /// application chose (CPU or CUDA) instead of a copy of its own.
    /// </summary>
    public IReadOnlyList<string>? NativeLibraryDirectories { get; init; }
}
