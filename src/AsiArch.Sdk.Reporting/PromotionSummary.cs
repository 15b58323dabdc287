namespace AsiArch.Sdk.Reporting;

/// <summary>The verification outcome of one promoted candidate, as the discovery loop stored it.</summary>
public sealed record PromotionSummary
{
    /// <summary>The explored candidate that was promoted.</summary>
    public required long CandidateIndex { get; init; }

    /// <summary>Its name.</summary>
    public string CandidateName { get; init; } = "";

    /// <summary>The Promotion records (one per verification seed).</summary>
    public IReadOnlyList<long> PromotionIndexes { get; init; } = [];

    /// <summary>The verification profile.</summary>
    public string ProfileName { get; init; } = "";

    /// <summary>The best baseline it was compared with.</summary>
    public string? BestBaselineName { get; init; }

    /// <summary>True when the loop marked it a verified discovery (significantly better than the best baseline).</summary>
    public bool IsDiscovery { get; init; }

    /// <summary>The loop's explanation.</summary>
    public string Verdict { get; init; } = "";

    /// <summary>The p-value of the significance test, when one was run.</summary>
    public double? PValue { get; init; }
}
