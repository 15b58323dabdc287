namespace AsiArch.Sdk.Offline;

/// <summary>The variation operators of the evolutionary researcher; the bandit learns which pay off.</summary>
public enum EvolutionOperator
{
    /// <summary>Changes the q/k feature map.</summary>
    MutateFeatureMap,

    /// <summary>Toggles the q/k normalisation.</summary>
    MutateQkNorm,

    /// <summary>Changes the state update rule.</summary>
    MutateUpdateRule,

    /// <summary>Changes the write strength (β) form.</summary>
    MutateWriteStrength,

    /// <summary>Changes which of q/k/v get a short convolution, or its kernel size.</summary>
    MutateShortConvolution,

    /// <summary>Changes the output gate or output norm.</summary>
    MutateOutput,

    /// <summary>Changes the head count, the key/value expansion or the chunk size.</summary>
    MutateShape,

    /// <summary>Adds, removes or resizes the sliding-window branch, or changes how it is mixed.</summary>
    MutateSlidingWindow,

    /// <summary>Combines gene groups of the parent and a reference design.</summary>
    Crossover,

    /// <summary>A fresh uniform sample of the space (the random-search baseline; not chosen by the bandit).</summary>
    RandomSample,
}
