namespace AsiArch.Sdk.Reporting;

/// <summary>How often one design component appears among the best candidates compared with the rest.</summary>
public sealed record ComponentUsage
{
    /// <summary>The component, e.g. <c>updateRule=GatedDeltaRule</c> (from a design spec) or <c>ShortConvolution</c> (from source).</summary>
    public required string Component { get; init; }

    /// <summary>Where it was read: <c>design spec</c> or <c>source</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>Best candidates that have it.</summary>
    public required int TopCount { get; init; }

    /// <summary>Share of the best candidates that have it (0-1).</summary>
    public required double TopShare { get; init; }

    /// <summary>Share of the other scored candidates that have it (0-1; NaN when there are no others).</summary>
    public required double OtherShare { get; init; }
}
