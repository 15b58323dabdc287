namespace AsiArch.Sdk.Discovery;

/// <summary>A one-sided Welch t-test of "mean of A is better than mean of B".</summary>
public sealed record WelchTestResult
{
    /// <summary>Mean of A.</summary>
    public double MeanA { get; init; }

    /// <summary>Mean of B.</summary>
    public double MeanB { get; init; }

    /// <summary>The t statistic, oriented so that positive favours A.</summary>
    public double T { get; init; }

    /// <summary>Welch–Satterthwaite degrees of freedom.</summary>
    public double DegreesOfFreedom { get; init; }

    /// <summary>One-sided p-value.</summary>
    public double PValue { get; init; }
}
