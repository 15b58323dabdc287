namespace AsiArch.Sdk;

/// <summary>What a researcher proposes: a name, the motivation in words and the complete source of the mixer.</summary>
public sealed record Proposal
{
    /// <summary>Short identifier-like name, e.g. <c>delta_net_gated_conv</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Why this design should work, tied to evidence from earlier experiments and cognition.</summary>
    public required string Motivation { get; init; }

    /// <summary>The complete candidate file.</summary>
    public required CandidateSource Source { get; init; }

    /// <summary>
    /// A machine-readable description of the design where the researcher has one (the evolutionary researcher stores
    /// its genome as JSON here), so later proposals and analyses can reason over design features.
    /// </summary>
    public string? DesignSpec { get; init; }

    /// <summary>Model tokens spent producing this proposal.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.Zero;

    /// <summary>Extra data.</summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; init; }
}
