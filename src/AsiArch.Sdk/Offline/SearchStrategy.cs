namespace AsiArch.Sdk.Offline;

/// <summary>How the evolutionary researcher picks the next design.</summary>
public enum SearchStrategy
{
    /// <summary>Mutation and crossover of the sampled parent, operator chosen by a UCB bandit over past gains.</summary>
    Evolutionary,

    /// <summary>Uniform random samples of the space (the baseline the evolutionary search is measured against).</summary>
    RandomSampling,
}
