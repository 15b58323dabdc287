namespace AsiArch.Sdk;

/// <summary>Asks an engineer to turn a proposal into a validated artifact.</summary>
public sealed record ImplementationRequest
{
    /// <summary>The proposal to implement.</summary>
    public required Proposal Proposal { get; init; }

    /// <summary>The profile the artifact will be trained on (probe shapes and parameter budget come from it).</summary>
    public required TrainingProfile Profile { get; init; }

    /// <summary>The experiment this belongs to, when stored.</summary>
    public long? ExperimentIndex { get; init; }

    /// <summary>Seed for the probes.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// A seed or human baseline: trusted library code measured for comparison, not a candidate. Its complexity is still
    /// measured and reported, but a super-linear fit (the softmax Transformer's) does not reject it.
    /// </summary>
    public bool Reference { get; init; }
}
