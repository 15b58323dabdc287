using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AsiArch.Sdk.TorchSharp.Probes;

/// <summary>
/// CPU time with nanosecond resolution (Linux <c>CLOCK_PROCESS_CPUTIME_ID</c> or <c>CLOCK_THREAD_CPUTIME_ID</c>),
/// falling back to wall time. The complexity probe times CPU work rather than wall time, so a busy machine (other
/// builds, other workers) does not stretch some lengths more than others and fake a super-linear curve; with one torch
/// thread it times the calling thread alone, so the runtime's own threads (the JIT compiling in the background in a
/// fresh worker, the GC) do not count either.
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessCpuTimeId = 2;
    private const int ThreadCpuTimeId = 3;
    private static readonly bool Available = OperatingSystem.IsLinux() && TryRead(ProcessCpuTimeId, out _);

    /// <summary>True when CPU time is measured (else wall time).</summary>
    public static bool MeasuresCpuTime => Available;

    /// <summary>Seconds on the clock: the CPU time of the process, or of the calling thread only.</summary>
    public static double Now(bool thisThread = false) =>
        Available && TryRead(thisThread ? ThreadCpuTimeId : ProcessCpuTimeId, out var seconds) ? seconds : Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    private static bool TryRead(int clockId, out double seconds)
    {
        try
        {
            if (clock_gettime(clockId, out var ts) == 0)
            {
                seconds = ts.Seconds + (ts.Nanoseconds * 1e-9);
                return true;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not a glibc/musl system: wall time.
        }

        seconds = 0;
        return false;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
}
