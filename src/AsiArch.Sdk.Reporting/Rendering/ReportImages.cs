namespace AsiArch.Sdk.Reporting.Rendering;

/// <summary>The PNG plots of one report, drawn once and shared by the HTML and Markdown writers.</summary>
public sealed record ReportImages
{
    /// <summary>Fitness and components over experiments.</summary>
    public byte[]? Fitness { get; init; }

    /// <summary>The discovery curve.</summary>
    public byte[]? Discovery { get; init; }

    /// <summary>Failures by kind.</summary>
    public byte[]? Failures { get; init; }

    /// <summary>Loss curves by experiment index (only experiments with a recorded curve).</summary>
    public IReadOnlyDictionary<long, byte[]> LossCurves { get; init; } = new Dictionary<long, byte[]>();

    /// <summary>Draws every plot of <paramref name="report"/>.</summary>
    /// <param name="report">The report.</param>
    public static ReportImages Draw(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var curves = new Dictionary<long, byte[]>();
        foreach (var e in report.Experiments)
        {
            if (ReportCharts.LossCurves(e) is { } png)
            {
                curves[e.Index] = png;
            }
        }

        return new ReportImages
        {
            Fitness = ReportCharts.FitnessOverExperiments(report),
            Discovery = ReportCharts.DiscoveryCurve(report),
            Failures = ReportCharts.FailureCounts(report),
            LossCurves = curves,
        };
    }
}
