namespace AsiArch.Sdk.Discovery;

/// <summary>What the sampler drew from the candidate pool for one proposal.</summary>
/// <param name="Parent">The parent (null when the pool is empty).</param>
/// <param name="References">The reference experiments.</param>
public sealed record CandidateSample(ExperimentRecord? Parent, IReadOnlyList<ExperimentRecord> References);
