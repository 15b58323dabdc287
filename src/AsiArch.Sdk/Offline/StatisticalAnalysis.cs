namespace AsiArch.Sdk.Offline;

/// <summary>The numbers behind a <see cref="StatisticalAnalyst"/> report.</summary>
public sealed record StatisticalAnalysis
{
    /// <summary>The analysed experiment's genome (resolved; see <see cref="GenomeResolver"/>).</summary>
    public required LinearAttentionGenome Genome { get; init; }

    /// <summary>The parent's genome, when there is a parent.</summary>
    public LinearAttentionGenome? ParentGenome { get; init; }

    /// <summary>Comparisons with parent, grandparent, siblings and baselines.</summary>
    public IReadOnlyList<MetricComparison> Comparisons { get; init; } = [];

    /// <summary>Population estimates of design-feature effects on fitness, strongest first.</summary>
    public IReadOnlyList<FeatureEffect> FeatureEffects { get; init; } = [];

    /// <summary>Scored experiments used for the population statistics.</summary>
    public int PopulationSize { get; init; }

    /// <summary>Pooled standard deviation of fitness between replicates of one design (null when no replicates).</summary>
    public double? ReplicateNoise { get; init; }

    /// <summary>Degrees of freedom of <see cref="ReplicateNoise"/>.</summary>
    public int ReplicateDegreesOfFreedom { get; init; }
}
