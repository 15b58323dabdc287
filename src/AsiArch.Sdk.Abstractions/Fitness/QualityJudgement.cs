namespace AsiArch.Sdk;

/// <summary>
/// A judge's sub-scores on ASI-ARCH's 1-10 scale. The judge only scores; the fitness scorer weights, clamps and maps
/// them (a model's own arithmetic is never trusted).
/// </summary>
public sealed record QualityJudgement
{
    /// <summary>Performance against the baselines, 1-10.</summary>
    public double Performance { get; init; }

    /// <summary>Innovation (distance from earlier designs), 1-10.</summary>
    public double Innovation { get; init; }

    /// <summary>Complexity (10 = linear time and as efficient as the baselines; 1-3 = quadratic), 1-10.</summary>
    public double Complexity { get; init; }

    /// <summary>Why, in words.</summary>
    public string Reason { get; init; } = "";

    /// <summary>Model tokens spent.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.Zero;
}
