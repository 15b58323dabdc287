namespace AsiArch.Sdk.Sandbox;

/// <summary>How to start the worker: the dotnet host and the arguments before the job file.</summary>
/// <param name="DotnetHost">The <c>dotnet</c> executable.</param>
/// <param name="Arguments"><c>exec</c>, the runtime config and deps file, the worker dll.</param>
/// <param name="ReadOnlyPaths">Folders the worker must read (app, host, native libraries).</param>
public sealed record WorkerLocation(string DotnetHost, IReadOnlyList<string> Arguments, IReadOnlyList<string> ReadOnlyPaths)
{
    /// <summary>
    /// Folders holding the application's libtorch backend (<c>libtorch_cpu.so</c> or the CUDA libraries), handed to the
    /// worker: the packaged worker ships without libtorch and runs on the backend package the application references.
    /// </summary>
    public IReadOnlyList<string> NativeLibraryDirectories { get; init; } = [];
}
