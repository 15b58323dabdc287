using System.Diagnostics;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.Training;

/// <summary>Measures the large fp32 matmul rate of this process: the denominator of model FLOP utilisation.</summary>
internal static class MatmulPeak
{
    /// <summary>Best of <paramref name="rounds"/> timings of <paramref name="iterations"/> n x n matmuls, in FLOP/s.</summary>
    public static double Measure(int n = 1024, int iterations = 10, int rounds = 3)
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n);
        var b = randn(n, n);
        var c = empty(n, n);
        for (var i = 0; i < 3; i++)
        {
            matmul(a, b, c);
        }

        var best = 0.0;
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                matmul(a, b, c);
            }

            best = Math.Max(best, 2.0 * n * n * n * iterations / watch.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static void matmul(Tensor a, Tensor b, Tensor c) => a.matmul(b).Dispose();
}
