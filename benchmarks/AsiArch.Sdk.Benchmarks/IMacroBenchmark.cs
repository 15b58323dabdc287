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

    /// <summary>Runs the benchmark and writes its report to <paramref name="output"/>.</summary>
    Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken);
}
