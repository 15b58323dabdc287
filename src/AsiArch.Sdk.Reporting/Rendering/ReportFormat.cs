using System.Globalization;

namespace AsiArch.Sdk.Reporting.Rendering;

/// <summary>Number and text formatting shared by the report writers (invariant culture).</summary>
internal static class ReportFormat
{
    public static string Number(double? value, string format = "0.###") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string Percent(double value) =>
        double.IsFinite(value) ? value.ToString("0%", CultureInfo.InvariantCulture) : "–";

    public static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Trend(LinearTrend? trend) => trend is null
        ? "not enough points for a trend"
        : string.Create(CultureInfo.InvariantCulture, $"y = {trend.Intercept:0.###} + {trend.Slope:0.###}·h (R² {Number(trend.RSquared, "0.000")}, {trend.Points} points)");

    public static string Metrics(TaskResult task) => task.Metrics.Count == 0
        ? "–"
        : string.Join(", ", task.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {Number(m.Value, "0.####")}"));
}
