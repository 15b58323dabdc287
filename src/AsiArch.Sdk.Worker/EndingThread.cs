namespace AsiArch.Sdk.Worker;

/// <summary>
/// Runs torch work on a thread that ends with it, with the main thread's usual 8 MiB stack: in one process, probes run
/// on the long-lived main thread slowed every later training by about a third (benchmark "probe-then-train": 15.8k
/// against 21-23k tokens/s); an OpenMP team owned by that thread, outliving the work, is the likely cause.
/// </summary>
internal static class EndingThread
{
    private const int StackBytes = 8 * 1024 * 1024;

    /// <summary>Runs <paramref name="work"/> on a new thread and waits for it.</summary>
    public static void Run(string name, Action work)
    {
        var thread = new Thread(() => work(), StackBytes) { Name = name };
        thread.Start();
        thread.Join();
    }
}
