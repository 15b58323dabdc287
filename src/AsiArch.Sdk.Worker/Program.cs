using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.Worker;

// The sandboxed worker: `dotnet AsiArch.Sdk.Worker.dll <job.json>`. The host wrote the candidate bytes and the job
// into a private scratch directory; this process loads the bytes (it never compiles), runs the job and prints one
// "@@asiarch {result}" line (plus "@@asiarch {progress}" lines while training). Exit code 0 when a result was written,
// 2 for a bad command line or job file, 3 when the job itself threw.
//
// `AsiArch.Sdk.Worker.dll --standby [--cache DIR] [--natives DIR]... [--warm-up]` is a worker started ahead of its job:
// it loads libtorch (and with --warm-up runs the library's own probes and a tiny training to get the JIT done), then
// reads its job file's path from standard input (end of input: exit 0 without doing anything).
if (args.Length >= 1 && args[0] == "--standby")
{
    if (!StandbyArguments.TryParse(args.AsSpan(1), out var runtime, out var warmUp))
    {
        Console.Error.WriteLine("usage: AsiArch.Sdk.Worker --standby [--cache DIR] [--natives DIR]... [--warm-up]");
        return 2;
    }

    try
    {
        TorchRuntime.PreloadNatives(runtime);
        if (warmUp)
        {
            StandbyWarmUp.TryRun(Console.Error);
        }
    }
    catch (Exception ex) when (ex is TorchRuntimeException or IOException or UnauthorizedAccessException)
    {
        // The job reports it: its own initialisation fails the same way and says so in the result.
    }

    return JobEntry.RunFromInput(Console.In, Console.Out, Console.Error);
}

return args.Length == 1 ? JobEntry.RunOne(args[0], Console.Out, Console.Error) : JobEntry.Usage(Console.Error);
