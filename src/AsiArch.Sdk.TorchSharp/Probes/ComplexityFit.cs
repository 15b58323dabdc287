namespace AsiArch.Sdk.TorchSharp.Probes;

/// <summary>
/// Fits the exponent k of time ~ c·T^k from timings at growing sequence lengths: <see cref="Exponent"/> is the
/// least-squares slope of log(time) on log(T) over the longest lengths; <see cref="MedianSlope"/> (the probe's verdict)
/// is the median of the step-to-step slopes, robust to one cache cliff; <see cref="SteepestSlope"/> (the probe's early
/// accept) is robust to one slowed sample.
/// </summary>
public static class ComplexityFit
{
    /// <summary>The fitted exponent.</summary>
    /// <param name="lengths">Sequence lengths, increasing.</param>
    /// <param name="seconds">Median forward time at each length.</param>
    /// <param name="points">How many of the longest lengths to fit (at least 2).</param>
    /// <exception cref="ArgumentException">Fewer than two usable points or mismatched lists.</exception>
    public static double Exponent(IReadOnlyList<int> lengths, IReadOnlyList<double> seconds, int points = 3)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(seconds);
        if (lengths.Count != seconds.Count)
        {
            throw new ArgumentException("Lengths and timings must have the same count.", nameof(seconds));
        }

        var usable = lengths.Zip(seconds)
            .Where(p => p.First > 0 && p.Second > 0 && double.IsFinite(p.Second))
            .TakeLast(Math.Max(2, points))
            .ToList();
        if (usable.Count < 2)
        {
            throw new ArgumentException("At least two positive timings are needed to fit an exponent.", nameof(seconds));
        }

        var xs = usable.Select(p => Math.Log(p.First)).ToArray();
        var ys = usable.Select(p => Math.Log(p.Second)).ToArray();
        var mx = xs.Average();
        var my = ys.Average();
        var sxy = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my));
        var sxx = xs.Sum(x => (x - mx) * (x - mx));
        return sxx == 0 ? 0 : sxy / sxx;
    }

    /// <summary>
    /// The median of the slopes between successive lengths, log(t2/t1) / log(T2/T1). A super-linear design is steep at
    /// every step; a linear one can show one steep step where its working set leaves the CPU cache, which a
    /// least-squares fit over the longest lengths would mistake for growth, and the median ignores.
    /// </summary>
    /// <param name="lengths">Sequence lengths, increasing.</param>
    /// <param name="seconds">Fastest forward time at each length.</param>
    /// <exception cref="ArgumentException">Fewer than two usable points or mismatched lists.</exception>
    public static double MedianSlope(IReadOnlyList<int> lengths, IReadOnlyList<double> seconds) => Median(Slopes(lengths, seconds));

    /// <summary>
    /// The steepest of the slopes between successive lengths: what an early "clearly linear" verdict must bound. Noise
    /// only adds time. A slowed first length flattens the one step out of it, which can pull the median of three points
    /// below the bar (a 2x slower 512 turns causal softmax attention's steps of 1.43 and 1.65 into 0.43 and 1.65,
    /// median 1.04); a slowed later length steepens the step into it as much as it flattens the step out. Either way one
    /// slowed length leaves some step at least as steep as it truly is, so a design that is steep at every step stays so.
    /// </summary>
    /// <inheritdoc cref="MedianSlope" path="/param"/>
    /// <exception cref="ArgumentException">Fewer than two usable points or mismatched lists.</exception>
    public static double SteepestSlope(IReadOnlyList<int> lengths, IReadOnlyList<double> seconds) => Slopes(lengths, seconds).Max();

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static List<double> Slopes(IReadOnlyList<int> lengths, IReadOnlyList<double> seconds)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(seconds);
        if (lengths.Count != seconds.Count)
        {
            throw new ArgumentException("Lengths and timings must have the same count.", nameof(seconds));
        }

        var usable = lengths.Zip(seconds).Where(p => p.First > 0 && p.Second > 0 && double.IsFinite(p.Second)).ToList();
        if (usable.Count < 2)
        {
            throw new ArgumentException("At least two positive timings are needed to fit an exponent.", nameof(seconds));
        }

        return usable.Zip(usable.Skip(1))
            .Select(p => Math.Log(p.Second.Second / p.First.Second) / Math.Log((double)p.Second.First / p.First.First))
            .ToList();
    }
}
