namespace AsiArch.Sdk;

/// <summary>The reference the fitness is relative to: a baseline measured locally on the same profile and seed.</summary>
public sealed record BaselineReference
{
    /// <summary>Baseline name (ASI-ARCH: the DeltaNet seed).</summary>
    public required string Name { get; init; }

    /// <summary>Its validation loss on the profile's loss task.</summary>
    public required double Loss { get; init; }

    /// <summary>Its weighted benchmark mean.</summary>
    public required double BenchmarkScore { get; init; }

    /// <summary>Profile it was measured on.</summary>
    public string? ProfileName { get; init; }

    /// <summary>Seed it was measured with.</summary>
    public int Seed { get; init; }
}
