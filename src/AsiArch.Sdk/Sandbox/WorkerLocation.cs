namespace AsiArch.Sdk.Sandbox;

/// <summary>How to start the worker: the dotnet host and the arguments before the job file.</summary>
/// <param name="DotnetHost">The <c>dotnet</c> executable.</param>
/// <param name="Arguments"><c>exec</c>, the runtime config and deps file, the worker dll.</param>
/// <param name="ReadOnlyPaths">Folders the worker must read (app, host, native libraries).</param>
public sealed record WorkerLocation(string DotnetHost, IReadOnlyList<string> Arguments, IReadOnlyList<string> ReadOnlyPaths);
