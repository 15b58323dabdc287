using MathNet.Numerics.Distributions;

namespace AsiArch.Sdk.Discovery;

/// <summary>The significance test of the verification stage.</summary>
public static class SignificanceTest
{
    /// <summary>
    /// One-sided Welch t-test that A is better than B (higher when <paramref name="higherIsBetter"/>, else lower).
    /// When both samples have zero variance the p-value is 0 if A is better and 1 otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">A sample has fewer than two values or a non-finite value.</exception>
    public static WelchTestResult WelchOneSided(IReadOnlyList<double> a, IReadOnlyList<double> b, bool higherIsBetter = true)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count < 2 || b.Count < 2)
        {
            throw new ArgumentException($"The Welch test needs at least two values per sample (got {a.Count} and {b.Count}).");
        }

        if (a.Concat(b).Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("The Welch test got a non-finite value.");
        }

        var (meanA, varA) = MeanVariance(a);
        var (meanB, varB) = MeanVariance(b);
        var sign = higherIsBetter ? 1.0 : -1.0;
        var sa = varA / a.Count;
        var sb = varB / b.Count;
        var se = Math.Sqrt(sa + sb);
        if (se == 0)
        {
            var better = sign * (meanA - meanB) > 0;
            return new WelchTestResult
            {
                MeanA = meanA,
                MeanB = meanB,
                T = better ? double.PositiveInfinity : meanA == meanB ? 0 : double.NegativeInfinity,
                DegreesOfFreedom = a.Count + b.Count - 2,
                PValue = better ? 0 : 1,
            };
        }

        var t = sign * (meanA - meanB) / se;
        var df = (sa + sb) * (sa + sb) / ((sa * sa / (a.Count - 1)) + (sb * sb / (b.Count - 1)));
        var p = 1.0 - StudentT.CDF(0, 1, df, t);
        return new WelchTestResult { MeanA = meanA, MeanB = meanB, T = t, DegreesOfFreedom = df, PValue = p };
    }

    private static (double Mean, double Variance) MeanVariance(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, variance);
    }
}
