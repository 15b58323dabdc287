using System.Globalization;

namespace AsiArch.Sdk.Benchmarks.Training;

/// <summary>Mean and sample standard deviation of a few seeds' values, printed as <c>mean ± sd</c>.</summary>
internal readonly record struct RunSummary(double Mean, double StdDev, int Count)
{
    public static RunSummary Of(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0)
        {
            return new RunSummary(double.NaN, double.NaN, 0);
        }

        var mean = list.Average();
        var sd = list.Count > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)) : 0;
        return new RunSummary(mean, sd, list.Count);
    }

    public string Format(string format) => Count == 0
        ? "n/a"
        : $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {StdDev.ToString(format, CultureInfo.InvariantCulture)}";
}
