using System.Diagnostics;

namespace AsiArch.Sdk.Benchmarks.TorchCore;

/// <summary>Best-of-N timing of several jobs in one process, round-robin.</summary>
internal static class InterleavedTiming
{
    /// <summary>
    /// Runs every job once to warm up, then <paramref name="reps"/> rounds over all of them, and returns each job's
    /// fastest time in milliseconds. Round-robin so load from other processes hits all of them alike; the minimum is the
    /// least disturbed sample.
    /// </summary>
    public static List<double> Best(int reps, IReadOnlyList<Action> jobs, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            job();
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
