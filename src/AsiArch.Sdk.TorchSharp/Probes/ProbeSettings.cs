namespace AsiArch.Sdk.TorchSharp.Probes;

/// <summary>Shapes, tolerances and budgets of the sanity probes.</summary>
public sealed record ProbeSettings
{
    /// <summary>Batch of the shape, causality and batch-independence probes.</summary>
    public int BatchSize { get; init; } = 2;

    /// <summary>Longest sequence of the shape and causality probes (the profile's length is used when shorter).</summary>
    public int MaxSequenceLength { get; init; } = 128;

    /// <summary>Allowed absolute change before t0 in the causality probe (plus the same, relative to the output scale).</summary>
    public double CausalTolerance { get; init; } = 1e-4;

    /// <summary>Allowed difference between a sample run alone and in a batch.</summary>
    public double BatchTolerance { get; init; } = 1e-4;

    /// <summary>Measure the complexity exponent.</summary>
    public bool MeasureComplexity { get; init; } = true;

    /// <summary>Sequence lengths timed by the complexity probe (batch 1).</summary>
    /// <remarks>
    /// Long enough that a quadratic term dominates the per-token projections at small model widths: at 256-2048 and
    /// d=64 fused softmax attention fitted only ~1.5 on an idle CPU, right at the threshold.
    /// </remarks>
    public IReadOnlyList<int> ComplexityLengths { get; init; } = [512, 1024, 2048, 4096];

    /// <summary>
    /// Untimed rounds over all lengths before timing. The first grows the allocator to each length; the second lets a
    /// fresh process's JIT tier up, so one is enough in a process that has already run these paths.
    /// </summary>
    public int ComplexityWarmUpRounds { get; init; } = 2;

    /// <summary>
    /// Tokens pushed through per timed sample: shorter lengths repeat until they reach it (the longest runs at least
    /// once), so every length is timed over a comparable amount of work.
    /// </summary>
    public int ComplexityTokensPerSample { get; init; } = 2048;

    /// <summary>Most timed rounds over all lengths (after the warm-up rounds); the fastest time per length is used.</summary>
    public int ComplexityRepeats { get; init; } = 5;

    /// <summary>Rounds always timed; after them, a fit already this far below the threshold ends the probe early.</summary>
    public int MinComplexityRepeats { get; init; } = 2;

    /// <summary>How far below <see cref="ComplexityThreshold"/> a fit must be for the probe to stop after <see cref="MinComplexityRepeats"/>.</summary>
    public double ComplexityEarlyAcceptMargin { get; init; } = 0.25;

    /// <summary>Exponent above which the candidate is <see cref="FailureKind.SuperLinear"/>.</summary>
    public double ComplexityThreshold { get; init; } = 1.5;

    /// <summary>A single forward slower than this stops the complexity probe at the lengths measured so far.</summary>
    public TimeSpan ComplexityForwardLimit { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Timed training steps (after one warm-up) for <see cref="ProbeReport.StepMilliseconds"/>.</summary>
    public int StepRepeats { get; init; } = 3;

    /// <summary>Seed of the weights and inputs behind <see cref="ProbeReport.Fingerprint"/>; fixed so equal code gives equal fingerprints.</summary>
    public int FingerprintSeed { get; init; } = 20250723;
}
