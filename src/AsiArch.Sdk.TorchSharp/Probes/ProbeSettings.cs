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
    /// Short, because a fresh worker pays for every page its tensors touch first (a TorchSharp forward keeps its
    /// intermediates until it returns, so memory grows with the length); a fit that is not clearly linear here is
    /// measured again with <see cref="ComplexityConfirmLengths"/> added.
    /// </remarks>
    public IReadOnlyList<int> ComplexityLengths { get; init; } = [512, 1024, 2048];

    /// <summary>
    /// Longer lengths added in a second measurement when a step of the fit over <see cref="ComplexityLengths"/> is not at
    /// least <see cref="ComplexityEarlyAcceptMargin"/> below the threshold: at small model widths a quadratic term dominates the
    /// per-token projections only at long lengths. At the Explore width (d = 64, one thread) the Transformer baseline
    /// fitted 1.55-1.65 over 1024-4096 and 1.65-1.75 with 8192 added (docs/benchmarks.md, Engineer). Empty: never extend.
    /// </summary>
    public IReadOnlyList<int> ComplexityConfirmLengths { get; init; } = [4096, 8192];

    /// <summary>
    /// Torch intra-op threads while the probes run (the caller's count is restored after); null keeps the caller's. One
    /// by default: the probes' shapes are too small to gain from more (at the Explore width the probes took 0.31-0.32 s
    /// with one thread against 0.34-0.36 s with two), and an OpenMP team is fragile where the CPU is shared. When
    /// another process kept one of two cores busy (the host's JIT after a compile), the scheduler left both threads of
    /// a two-thread probe on the other core, where each parallel region waited out a whole time slice: stages took
    /// 10-25 times as long (docs/benchmarks.md, Engineer, session 6). <see cref="ProbeReport.StepMilliseconds"/> is
    /// therefore a one-thread step time, comparable between candidates probed alike.
    /// </summary>
    public int? Threads { get; init; } = 1;

    /// <summary>
    /// Torch intra-op threads while the complexity probe runs (the previous count is restored after); null keeps the
    /// job's. One thread measures the growth of the work itself: with more, parallel efficiency rises with the length
    /// (flattening a quadratic fit), and spinning OpenMP threads add CPU time that is not work.
    /// </summary>
    public int? ComplexityThreads { get; init; } = 1;

    /// <summary>
    /// Untimed rounds over all lengths before timing; the first grows the allocator to each length (a first call costs
    /// several times a later one in a new worker). Each measurement also runs one untimed forward a quarter longer than
    /// its longest length. A second round lets the JIT tier up in a fresh process, which the fastest-of-rounds timing
    /// makes unnecessary for the verdict.
    /// </summary>
    public int ComplexityWarmUpRounds { get; init; } = 1;

    /// <summary>
    /// Tokens pushed through per timed sample: shorter lengths repeat until they reach it (the longest runs at least
    /// once), so every length is timed over a comparable amount of work.
    /// </summary>
    public int ComplexityTokensPerSample { get; init; } = 2048;

    /// <summary>Most timed rounds over all lengths (after the warm-up rounds); the fastest time per length is used.</summary>
    public int ComplexityRepeats { get; init; } = 5;

    /// <summary>
    /// Rounds always timed; after them, a fit that is clearly linear ends the probe early. Two by default: one round, judged by
    /// its median slope, once let causal softmax attention through at T^1.12 on a busy CI machine.
    /// </summary>
    public int MinComplexityRepeats { get; init; } = 2;

    /// <summary>
    /// How far below <see cref="ComplexityThreshold"/> every step-to-step slope must be for the probe to stop timing after
    /// <see cref="MinComplexityRepeats"/> rounds and not measure the longer <see cref="ComplexityConfirmLengths"/>
    /// (<see cref="ComplexityFit.SteepestSlope"/>: one slowed sample cannot make a quadratic design look this flat).
    /// </summary>
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
