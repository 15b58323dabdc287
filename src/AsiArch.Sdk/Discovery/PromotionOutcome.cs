namespace AsiArch.Sdk.Discovery;

/// <summary>
/// The verification of one promoted candidate: its per-seed values on the verification profile against the best
/// baseline's, and a one-sided Welch t-test. Stored as JSON in the run value <c>promotion:{index}</c>.
/// </summary>
public sealed record PromotionOutcome
{
    /// <summary>The explored candidate.</summary>
    public required long CandidateIndex { get; init; }

    /// <summary>Its name.</summary>
    public required string CandidateName { get; init; }

    /// <summary>The Promotion records (one per verification seed).</summary>
    public IReadOnlyList<long> PromotionIndexes { get; init; } = [];

    /// <summary>The verification profile.</summary>
    public required string ProfileName { get; init; }

    /// <summary>The metric compared.</summary>
    public VerificationMetric Metric { get; init; }

    /// <summary>The candidate's values, one per seed that finished.</summary>
    public IReadOnlyList<double> CandidateValues { get; init; } = [];

    /// <summary>The best baseline (by mean of the metric on the same seeds).</summary>
    public string? BestBaselineName { get; init; }

    /// <summary>The best baseline's values.</summary>
    public IReadOnlyList<double> BaselineValues { get; init; } = [];

    /// <summary>The test, when both samples had at least two values.</summary>
    public WelchTestResult? Test { get; init; }

    /// <summary>True only when the candidate beats the best baseline at the configured significance level.</summary>
    public bool IsDiscovery { get; init; }

    /// <summary>Why it is or is not a discovery.</summary>
    public string Verdict { get; init; } = "";
}
