using System.Security.Cryptography;
using System.Text.Json;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Worker;

/// <summary>
/// Runs the jobs a worker process is given: one from the command line, or from standard input a first job and at most
/// one training job that follows it on the same candidate bytes, so a process never holds two candidates.
/// </summary>
internal static class JobSequence
{
    public static int Usage(TextWriter error)
    {
        error.WriteLine("usage: AsiArch.Sdk.Worker <job.json>   (started by AsiArch.Sdk's WorkerClient)");
        return 2;
    }

    public static int RunOne(string jobPath, TextWriter output, TextWriter error) =>
        Run(jobPath, output, error, out _);

    public static int RunFromInput(TextReader input, TextWriter output, TextWriter error)
    {
        var first = input.ReadLine();
        if (first is null)
        {
            return 0;
        }

        var code = Run(first, output, error, out var candidate);
        if (code != 0)
        {
            return code;
        }

        var second = input.ReadLine();
        if (second is null)
        {
            return 0;
        }

        var job = Read(second, error);
        if (job is null)
        {
            return 2;
        }

        if (job.Kind != WorkerJob.TrainKind || candidate is null || !CandidateHash(second, job).AsSpan().SequenceEqual(candidate))
        {
            error.WriteLine($"refused {second}: a worker runs only the training of the candidate it already ran");
            return 2;
        }

        return Execute(second, job, output, error);
    }

    private static int Run(string jobPath, TextWriter output, TextWriter error, out byte[]? candidateHash)
    {
        candidateHash = null;
        var job = Read(jobPath, error);
        if (job is null)
        {
            return 2;
        }

        candidateHash = CandidateHash(jobPath, job);
        return Execute(jobPath, job, output, error);
    }

    private static WorkerJob? Read(string jobPath, TextWriter error)
    {
        if (!File.Exists(jobPath))
        {
            Usage(error);
            return null;
        }

        try
        {
            var job = JsonSerializer.Deserialize<WorkerJob>(File.ReadAllText(jobPath), ProtocolWriter.Json);
            if (job is null)
            {
                error.WriteLine($"empty job file {jobPath}");
            }

            return job;
        }
        catch (JsonException ex)
        {
            error.WriteLine($"invalid job file {jobPath}: {ex.Message}");
            return null;
        }
    }

    private static int Execute(string jobPath, WorkerJob job, TextWriter output, TextWriter error)
    {
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

    private static byte[] CandidateHash(string jobPath, WorkerJob job)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(jobPath))!, job.AssemblyPath);
        return File.Exists(path) ? SHA256.HashData(File.ReadAllBytes(path)) : [];
    }
}
