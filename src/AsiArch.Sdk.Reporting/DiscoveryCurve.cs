namespace AsiArch.Sdk.Reporting;

/// <summary>
/// The run's "scaling law for discovery" (ASI-ARCH Fig. 1): cumulative candidates beating the seed and cumulative
/// verified discoveries against cumulative compute hours, each with a fitted linear trend.
/// </summary>
public sealed record DiscoveryCurve
{
    /// <summary>One point per experiment, in creation order.</summary>
    public IReadOnlyList<DiscoveryPoint> Points { get; init; } = [];

    /// <summary>What "beating the seed" was measured against, for the reader.</summary>
    public string Reference { get; init; } = "";

    /// <summary>Trend of <see cref="DiscoveryPoint.CandidatesBeatingSeed"/> over compute hours (null with fewer than two distinct x values).</summary>
    public LinearTrend? BeatingSeedTrend { get; init; }

    /// <summary>Trend of <see cref="DiscoveryPoint.VerifiedDiscoveries"/> over compute hours (null with fewer than two distinct x values).</summary>
    public LinearTrend? DiscoveryTrend { get; init; }

    /// <summary>Candidates beating the seed at the end of the run.</summary>
    public int TotalBeatingSeed => Points.Count == 0 ? 0 : Points[^1].CandidatesBeatingSeed;

    /// <summary>Verified discoveries at the end of the run.</summary>
    public int TotalDiscoveries => Points.Count == 0 ? 0 : Points[^1].VerifiedDiscoveries;
}
