namespace AsiArch.Sdk.Benchmarks;

/// <summary>
/// A whole-system measurement (training throughput, loop overhead, search quality) that prints a Markdown table for
/// docs/benchmarks.md. Ratios are measured inside one run because the machines are noisy.
/// </summary>
internal interface IMacroBenchmark
{
    /// <summary>Name used on the command line.</summary>
    string Name { get; }

    /// <summary>One line for <c>--list</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Trains or times torch in this process and should see the C heap a sandboxed worker has (one malloc arena that
    /// keeps what it frees); the program then runs it in a child process with the launcher's malloc settings.
    /// </summary>
    bool NeedsWorkerHeap => false;

    /// <summary>Runs the benchmark and writes its report to <paramref name="output"/>.</summary>
    Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken);
}
