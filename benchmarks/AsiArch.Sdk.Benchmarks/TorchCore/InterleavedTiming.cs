using System.Diagnostics;

namespace AsiArch.Sdk.Benchmarks.TorchCore;

/// <summary>Best-of-N timing of several jobs in one process, round-robin.</summary>
internal static class InterleavedTiming
{
    /// <summary>Untimed rounds over every job before timing.</summary>
    public const int DefaultWarmups = 10;

    /// <summary>
    /// Runs <paramref name="warmups"/> untimed rounds over every job, then <paramref name="reps"/> timed rounds, and
    /// returns each job's fastest time in milliseconds. Round-robin so load from other processes hits all of them
    /// alike; the minimum is the least disturbed sample.
    /// </summary>
    /// <remarks>Warm-up rounds let .NET's tiered JIT reach optimised code on the layers that make many small calls (it
    /// promotes a method after 30 calls), which is how a training runs them. Until it has, its background compiles take
    /// a core from libgomp's second thread: single runs of a delta-rule layer at T = 2048 took up to twice as long through
    /// the first ten rounds, and a best of 5 after one warm-up round still caught them (docs/benchmarks.md, Mixers and
    /// blocks, session 10).</remarks>
    public static List<double> Best(int reps, IReadOnlyList<Action> jobs, CancellationToken cancellationToken, int warmups = DefaultWarmups)
    {
        for (var w = 0; w < warmups; w++)
        {
            foreach (var job in jobs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                job();
            }
        }

        var best = Enumerable.Repeat(double.MaxValue, jobs.Count).ToList();
        for (var r = 0; r < reps; r++)
        {
            for (var i = 0; i < jobs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                GC.Collect();

                // Tensors and autograd nodes left to finalizers by the previous job are freed now, not during this one.
                GC.WaitForPendingFinalizers();
                var watch = Stopwatch.StartNew();
                jobs[i]();
                best[i] = Math.Min(best[i], watch.Elapsed.TotalMilliseconds);
            }
        }

        return best;
    }
}
