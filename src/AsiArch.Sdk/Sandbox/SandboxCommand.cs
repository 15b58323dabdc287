namespace AsiArch.Sdk.Sandbox;

/// <summary>One process to run under the sandbox.</summary>
public sealed record SandboxCommand
{
    /// <summary>The executable.</summary>
    public required string FileName { get; init; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The private scratch directory: the only writable place, also the working directory and HOME.</summary>
    public required string ScratchDirectory { get; init; }

    /// <summary>Directories the process must read even when the temp directory is hidden (the worker's folder).</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>Variables set on top of the scrubbed environment (never credentials).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Wall-clock budget; the whole process tree is killed past it.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Memory budget of the process tree; null uses <see cref="SandboxOptions.MemoryLimitBytes"/>.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>
    /// Start at the lowest CPU weight (where the cgroup CPU controller is available): the process only uses CPU time
    /// others leave idle until <see cref="SandboxProcess.SetBackground"/> gives it the normal weight.
    /// </summary>
    public bool Background { get; init; }

    /// <summary>Called with every standard-output line as it arrives.</summary>
    public Action<string>? OnOutputLine { get; init; }
}
