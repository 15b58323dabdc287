namespace AsiArch.Sdk.Reporting;

/// <summary>A least-squares line <c>y = Intercept + Slope * x</c> fitted to a curve, with its coefficient of determination.</summary>
public sealed record LinearTrend
{
    /// <summary>Value of the line at x = 0.</summary>
    public required double Intercept { get; init; }

    /// <summary>Change of y per unit of x (for the discovery curve: discoveries per compute hour).</summary>
    public required double Slope { get; init; }

    /// <summary>R² of the fit (1 = every point on the line); NaN when y does not vary.</summary>
    public required double RSquared { get; init; }

    /// <summary>Number of points the line was fitted to.</summary>
    public required int Points { get; init; }

    /// <summary>The line's value at <paramref name="x"/>.</summary>
    /// <param name="x">Where to evaluate.</param>
    public double At(double x) => Intercept + (Slope * x);
}
