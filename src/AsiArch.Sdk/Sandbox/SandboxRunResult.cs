namespace AsiArch.Sdk.Sandbox;

/// <summary>What happened to a sandboxed process.</summary>
public sealed record SandboxRunResult
{
    /// <summary>Exit code (128 + signal when killed by a signal).</summary>
    public int ExitCode { get; init; }

    /// <summary>True when the wall-clock budget ran out and the tree was killed.</summary>
    public bool TimedOut { get; init; }

    /// <summary>True when the memory budget was exceeded (cgroup OOM kill or the supervisor's watchdog).</summary>
    public bool MemoryExceeded { get; init; }

    /// <summary>The last standard-output lines (bounded).</summary>
    public IReadOnlyList<string> OutputTail { get; init; } = [];

    /// <summary>The last standard-error text (bounded).</summary>
    public string ErrorTail { get; init; } = "";

    /// <summary>How the process was isolated.</summary>
    public SandboxLevel Level { get; init; }

    /// <summary>Peak memory of the process tree seen by the supervisor, in bytes.</summary>
    public long PeakMemoryBytes { get; init; }

    /// <summary>Wall time.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>
    /// True when the process had delivered its result and was killed rather than awaited (its exit code then reports
    /// the kill, not a failure).
    /// </summary>
    public bool StoppedAfterResult { get; init; }

    /// <summary>
    /// True when the process delivered its result and was left running for more work (a probed worker kept for the
    /// candidate's training); nothing else in this result but the level, the peak memory so far and the duration is set.
    /// </summary>
    public bool KeptRunning { get; init; }
}
