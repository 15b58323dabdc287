using AsiArch.Sdk.TorchSharp;

namespace AsiArch.Sdk.Worker;

/// <summary>
/// A worker started ahead of its job: loads libtorch, builds the protocol's JSON contracts, grows the C heap
/// (<see cref="HeapReserve"/>), optionally warms up (<see cref="StandbyWarmUp"/>) until the job's path arrives on
/// standard input, says it is ready (a <c>ready</c> protocol line), then runs that job (and, after a probe that stays
/// for training, the candidate's training).
/// </summary>
internal static class StandbyEntry
{
    /// <summary>
    /// How long the worker, ready, waited for its job (reported with the probes): zero means the job arrived first and
    /// waited for the libraries to load (the warm-up is cut short).
    /// </summary>
    public static TimeSpan? IdleBeforeJob { get; private set; }

    /// <summary>
    /// How long the job, once its path had arrived, waited for this worker to finish starting (reported with the probes):
    /// the start-up left on the critical path when the worker did not get the CPU to finish it in the background.
    /// </summary>
    public static TimeSpan? StartUpAfterJob { get; private set; }

    public static int Run(TorchRuntimeOptions runtime, bool warmUp, long reserveHeapBytes, TextReader input, TextWriter output, TextWriter error)
    {
        using var jobArrived = new CancellationTokenSource();
        string? jobPath = null;
        long arrivedAt = 0;
        var reader = new Thread(() =>
        {
            jobPath = input.ReadLine();
            arrivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            jobArrived.Cancel();
        })
        {
            IsBackground = true,
            Name = "asiarch-job-reader",
        };
        reader.Start();

        try
        {
            TorchRuntime.PreloadNatives(runtime);
            ProtocolWarmUp.Run();
            HeapReserve.Grow(reserveHeapBytes, jobArrived.Token);
            if (warmUp && !jobArrived.IsCancellationRequested)
            {
                StandbyWarmUp.TryRun(error, jobArrived.Token);
            }
        }
        catch (Exception ex) when (ex is TorchRuntimeException or IOException or UnauthorizedAccessException)
        {
            // The job reports it: its own initialisation fails the same way and says so in the result.
        }

        // Tells the host this worker is ready (a job already handed over ignores the line).
        new ProtocolWriter(output).Write(new WorkerMessage { Type = WorkerMessage.ReadyType });
        var ready = System.Diagnostics.Stopwatch.StartNew();
        reader.Join();
        IdleBeforeJob = ready.Elapsed;
        StartUpAfterJob = System.Diagnostics.Stopwatch.GetElapsedTime(arrivedAt);
        return jobPath is null ? 0 : JobEntry.RunOne(jobPath, input, output, error);
    }
}
