using System.Text.Json;
using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.Worker;

// The sandboxed worker: `dotnet AsiArch.Sdk.Worker.dll <job.json>`. The host wrote the candidate bytes and the job
// into a private scratch directory; this process loads the bytes (it never compiles), runs the job and prints one
// "@@asiarch {result}" line (plus "@@asiarch {progress}" lines while training). Exit code 0 when a result was written,
// 2 for a bad command line or job file, 3 when the job itself threw.
if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: AsiArch.Sdk.Worker <job.json>   (started by AsiArch.Sdk's WorkerClient)");
    return 2;
}

var writer = new ProtocolWriter(Console.Out);
WorkerJob? job;
try
{
    job = JsonSerializer.Deserialize<WorkerJob>(File.ReadAllText(args[0]), ProtocolWriter.Json);
}
catch (JsonException ex)
{
    Console.Error.WriteLine($"invalid job file {args[0]}: {ex.Message}");
    return 2;
}

if (job is null)
{
    Console.Error.WriteLine($"empty job file {args[0]}");
    return 2;
}

try
{
    var directory = Path.GetDirectoryName(Path.GetFullPath(args[0]))!;
    writer.Write(JobRunner.Run(job, directory, writer));
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex.ToString());
    return 3;
}
