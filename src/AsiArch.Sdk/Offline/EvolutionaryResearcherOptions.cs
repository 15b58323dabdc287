using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Offline;

/// <summary>Settings of <see cref="EvolutionaryResearcher"/> (configuration section <c>AsiArch:Offline</c>).</summary>
public sealed class EvolutionaryResearcherOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AsiArch:Offline";

    /// <summary>Evolutionary (default) or random sampling.</summary>
    public SearchStrategy Strategy { get; set; } = SearchStrategy.Evolutionary;

    /// <summary>UCB exploration constant c (fitness totals are on a 0-3 scale; gains are typically ±0.3).</summary>
    [Range(0.0, 10.0)]
    public double ExplorationConstant { get; set; } = 0.3;

    /// <summary>Reward given to an operator whose child failed (subtracted).</summary>
    [Range(0.0, 3.0)]
    public double FailurePenalty { get; set; } = 0.5;

    /// <summary>Genome distance at or below which two designs count as duplicates (0 = only identical genomes).</summary>
    /// <remarks>The default 0.015 treats designs that differ only in chunk size or convolution kernel size as duplicates.</remarks>
    [Range(0.0, 1.0)]
    public double NearDuplicateDistance { get; set; } = 0.015;

    /// <summary>Attempts to find a design not tried before, before falling back to random samples.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 40;

    /// <summary>Whether to read the experiment store (when one is registered) to rebuild bandit state and avoid repeats.</summary>
    public bool UseExperimentHistory { get; set; } = true;
}
