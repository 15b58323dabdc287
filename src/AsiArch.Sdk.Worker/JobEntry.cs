using System.Text.Json;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Worker;

/// <summary>Runs the job a worker process is given (and the training that may follow its probe), each on a thread that ends with it.</summary>
internal static class JobEntry
{
    public static int Usage(TextWriter error)
    {
        error.WriteLine("usage: AsiArch.Sdk.Worker <job.json>   (started by AsiArch.Sdk's WorkerClient)");
        return 2;
    }

    /// <summary>
    /// Runs the job in <paramref name="jobPath"/> on a new thread; when it was a probe that stays for training, reads the
    /// training job's path from <paramref name="input"/> and runs it the same way. The exit code of the last job.
    /// </summary>
    public static int RunOne(string jobPath, TextReader input, TextWriter output, TextWriter error)
    {
        ProbedCandidate? probed = null;
        try
        {
            var code = RunOnEndingThread(jobPath, null, output, error, out probed);
            if (probed is null)
            {
                return code;
            }

            // End of input: the host trains elsewhere (or has stopped); nothing more to do.
            var trainingPath = input.ReadLine();
            return trainingPath is null ? code : RunOnEndingThread(trainingPath, probed, output, error, out _);
        }
        finally
        {
            probed?.Dispose();
        }
    }

    private static int RunOnEndingThread(string jobPath, ProbedCandidate? probed, TextWriter output, TextWriter error, out ProbedCandidate? keep)
    {
        var code = 3;
        ProbedCandidate? kept = null;
        EndingThread.Run("asiarch-job", () => code = RunOnThisThread(jobPath, probed, output, error, out kept));
        keep = kept;
        return code;
    }

    private static int RunOnThisThread(string jobPath, ProbedCandidate? probed, TextWriter output, TextWriter error, out ProbedCandidate? keep)
    {
        keep = null;
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
            writer.Write(JobRunner.Run(job, directory, writer, probed, out keep));
            return 0;
        }
        catch (Exception ex)
        {
            error.WriteLine(ex.ToString());
            return 3;
        }
    }
}
