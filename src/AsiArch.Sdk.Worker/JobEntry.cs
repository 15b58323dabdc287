using System.Text.Json;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Worker;

/// <summary>Runs the one job a worker process is given, on a thread that ends with it.</summary>
internal static class JobEntry
{
    /// <summary>The job thread gets the main thread's usual 8 MiB stack, not the smaller default of other threads.</summary>
    private const int JobThreadStackBytes = 8 * 1024 * 1024;

    public static int Usage(TextWriter error)
    {
        error.WriteLine("usage: AsiArch.Sdk.Worker <job.json>   (started by AsiArch.Sdk's WorkerClient)");
        return 2;
    }

    /// <summary>
    /// How long a standby worker, ready, waited for its job (reported with the probes): near zero means the job
    /// arrived before the worker had finished starting and waited for it instead.
    /// </summary>
    public static TimeSpan? IdleBeforeJob { get; private set; }

    /// <summary>A standby worker's job: its job file's path is the first line of <paramref name="input"/> (none: exit 0).</summary>
    public static int RunFromInput(TextReader input, TextWriter output, TextWriter error)
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        var jobPath = input.ReadLine();
        IdleBeforeJob = waiting.Elapsed;
        return jobPath is null ? 0 : RunOne(jobPath, output, error);
    }

    /// <summary>Runs the job in <paramref name="jobPath"/> on a new thread; the exit code.</summary>
    public static int RunOne(string jobPath, TextWriter output, TextWriter error)
    {
        var code = 3;
        // The job's torch work runs on a thread that ends with it, as the trainer runs each task: in one process, probes
        // run on the long-lived main thread slowed every later training by about a third (benchmark "probe-then-train":
        // 15.8k against 21-23k tokens/s); an OpenMP team owned by that thread, outliving the probes, is the likely cause.
        var thread = new Thread(() => code = RunOnThisThread(jobPath, output, error), JobThreadStackBytes) { Name = "asiarch-job" };
        thread.Start();
        thread.Join();
        return code;
    }

    private static int RunOnThisThread(string jobPath, TextWriter output, TextWriter error)
    {
        if (!File.Exists(jobPath))
        {
            return Usage(error);
        }

        WorkerJob? job;
        try
        {
            job = JsonSerializer.Deserialize<WorkerJob>(File.ReadAllText(jobPath), ProtocolWriter.Json);
        }
        catch (JsonException ex)
        {
            error.WriteLine($"invalid job file {jobPath}: {ex.Message}");
            return 2;
        }

        if (job is null)
        {
            error.WriteLine($"empty job file {jobPath}");
            return 2;
        }

        try
        {
            var writer = new ProtocolWriter(output);
            var directory = Path.GetDirectoryName(Path.GetFullPath(jobPath))!;
            writer.Write(JobRunner.Run(job, directory, writer));
            return 0;
        }
        catch (Exception ex)
        {
            error.WriteLine(ex.ToString());
            return 3;
        }
    }
}
