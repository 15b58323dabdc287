namespace AsiArch.Sdk;

/// <summary>How candidate code was isolated when it ran. Recorded on every experiment.</summary>
public enum SandboxLevel
{
    /// <summary>Nothing ran (e.g. rejected by the compiler or the gate before any code was loaded).</summary>
    NotRun,

    /// <summary>In the host process. Only for trusted code (the library's own baselines in tests).</summary>
    InProcess,

    /// <summary>A separate worker process with a scrubbed environment and a wall-clock kill, but no OS sandbox.</summary>
    ProcessOnly,

    /// <summary>A worker process inside an OS sandbox (no network, read-only file system, resource limits).</summary>
    OsSandbox,
}
