using AsiArch.Sdk.Worker;

// The sandboxed worker: `dotnet AsiArch.Sdk.Worker.dll <job.json>`. The host wrote the candidate bytes and the job
// into a private scratch directory; this process loads the bytes (it never compiles), runs the job and prints one
// "@@asiarch {result}" line (plus "@@asiarch {progress}" lines while training). Exit code 0 when a result was written,
// 2 for a bad command line or job file, 3 when the job itself threw. A probe job with "stayForTraining" that accepts
// the candidate keeps it loaded and reads one more job path from standard input: the training of that same candidate
// (any other candidate is refused; end of input: exit).
//
// `AsiArch.Sdk.Worker.dll --standby [--cache DIR] [--natives DIR]... [--reserve-heap BYTES] [--warm-up]` is a worker
// started ahead of its job: it loads libtorch, grows the C heap by BYTES (so the job does not pay for first-touch page
// faults), with --warm-up runs the library's own probes and a tiny training to get the JIT done, then reads its job
// file's path from standard input (end of input: exit 0 without doing anything).
if (args.Length >= 1 && args[0] == "--standby")
{
    if (!StandbyArguments.TryParse(args.AsSpan(1), out var runtime, out var warmUp, out var reserveHeapBytes))
    {
        Console.Error.WriteLine("usage: AsiArch.Sdk.Worker --standby [--cache DIR] [--natives DIR]... [--reserve-heap BYTES] [--warm-up]");
        return 2;
    }

    return StandbyEntry.Run(runtime, warmUp, reserveHeapBytes, Console.In, Console.Out, Console.Error);
}

return args.Length == 1 ? JobEntry.RunOne(args[0], Console.In, Console.Out, Console.Error) : JobEntry.Usage(Console.Error);
