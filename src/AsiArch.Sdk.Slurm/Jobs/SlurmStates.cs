namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>Slurm's job state names and what each means for a training (man squeue, "JOB STATE CODES").</summary>
internal static class SlurmStates
{
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Timeout = "TIMEOUT";
    public const string Deadline = "DEADLINE";
    public const string Cancelled = "CANCELLED";
    public const string OutOfMemory = "OUT_OF_MEMORY";
    public const string NodeFail = "NODE_FAIL";
    public const string BootFail = "BOOT_FAIL";
    public const string Preempted = "PREEMPTED";
    public const string SpecialExit = "SPECIAL_EXIT";

    private static readonly HashSet<string> Terminal = new(StringComparer.Ordinal)
    {
        Completed, Failed, Timeout, Deadline, Cancelled, OutOfMemory, NodeFail, BootFail, Preempted, SpecialExit,
    };

    /// <summary>
    /// True for states after which the job will not run again by itself. <c>REQUEUED</c>, <c>REQUEUE_HOLD</c>,
    /// <c>REQUEUE_FED</c>, <c>RESV_DEL_HOLD</c>, <c>SUSPENDED</c>, <c>STOPPED</c>, <c>COMPLETING</c> and the rest are waits.
    /// </summary>
    public static bool IsTerminal(string state) => Terminal.Contains(Normalize(state));

    /// <summary>Upper-case state without the <c>+</c> suffix or qualifiers (<c>CANCELLED by 0</c> becomes <c>CANCELLED</c>).</summary>
    public static string Normalize(string state)
    {
        var s = state.Trim();
        var cut = s.IndexOfAny([' ', '+']);
        return (cut < 0 ? s : s[..cut]).ToUpperInvariant();
    }
}
