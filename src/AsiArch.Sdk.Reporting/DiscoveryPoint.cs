namespace AsiArch.Sdk.Reporting;

/// <summary>One step of the discovery curve: the state of the run right after an experiment, in creation order.</summary>
public sealed record DiscoveryPoint
{
    /// <summary>The experiment that ends this step.</summary>
    public required long ExperimentIndex { get; init; }

    /// <summary>Compute hours spent by every experiment up to and including this one.</summary>
    public required double ComputeHours { get; init; }

    /// <summary>Candidates so far whose fitness beats the seed's.</summary>
    public required int CandidatesBeatingSeed { get; init; }

    /// <summary>Verified discoveries so far (promotions the loop marked as discoveries).</summary>
    public required int VerifiedDiscoveries { get; init; }
}
