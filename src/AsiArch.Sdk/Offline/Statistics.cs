using MathNet.Numerics.Distributions;

namespace AsiArch.Sdk.Offline;

/// <summary>Small statistics helpers used by the offline analyst (sample moments, t quantiles, Welch intervals).</summary>
internal static class Statistics
{
    public static double Mean(IReadOnlyList<double> values) => values.Average();

    /// <summary>Unbiased sample variance (n − 1 denominator).</summary>
    public static double Variance(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }

    /// <summary>Two-sided Student-t critical value for the confidence level.</summary>
    public static double TCritical(double confidence, double degreesOfFreedom) =>
        StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - ((1 - confidence) / 2));

    /// <summary>Welch's interval for mean(a) − mean(b); null when either group has fewer than 2 values or zero spread.</summary>
    public static (double Difference, double StandardError, double DegreesOfFreedom)? Welch(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2)
        {
            return null;
        }

        var va = Variance(a) / a.Count;
        var vb = Variance(b) / b.Count;
        var se2 = va + vb;
        if (se2 <= 0)
        {
            return null;
        }

        var df = se2 * se2 / ((va * va / (a.Count - 1)) + (vb * vb / (b.Count - 1)));
        return (Mean(a) - Mean(b), Math.Sqrt(se2), df);
    }

    /// <summary>Hedges' small-sample correction factor J for <paramref name="degreesOfFreedom"/>.</summary>
    public static double HedgesCorrection(double degreesOfFreedom) => 1 - (3 / ((4 * degreesOfFreedom) - 1));
}
