using System.Text.Json;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Worker;

/// <summary>Runs the one job a worker process is given, on a thread that ends with it.</summary>
internal static class JobEntry
{
    public static int Usage(TextWriter error)
    {
        error.WriteLine("usage: AsiArch.Sdk.Worker <job.json>   (started by AsiArch.Sdk's WorkerClient)");
        return 2;
    }

    /// <summary>Runs the job in <paramref name="jobPath"/> on a new thread; the exit code.</summary>
    public static int RunOne(string jobPath, TextWriter output, TextWriter error)
    {
        var code = 3;
        EndingThread.Run("asiarch-job", () => code = RunOnThisThread(jobPath, output, error));
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
