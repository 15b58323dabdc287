namespace AsiArch.Sdk;

/// <summary>
/// One experiment: ASI-ARCH's record (index, parent, name, time, program, motivation, results, analysis, cognition,
/// score, log) plus its lifecycle status, failure, isolation level and costs. Update with <c>with</c> and
/// <see cref="IExperimentStore.UpdateAsync"/>.
/// </summary>
public sealed record ExperimentRecord
{
    /// <summary>Store-allocated, 1-based, never reused.</summary>
    public required long Index { get; init; }

    /// <summary>Index of the parent experiment; null for seeds and baselines.</summary>
    public long? Parent { get; init; }

    /// <summary>Name, unique within the store by convention (not enforced).</summary>
    public required string Name { get; init; }

    /// <summary>Candidate, seed, baseline or promotion.</summary>
    public ExperimentKind Kind { get; init; } = ExperimentKind.Candidate;

    /// <summary>Lifecycle status.</summary>
    public ExperimentStatus Status { get; init; } = ExperimentStatus.Proposed;

    /// <summary>Why it failed, when <see cref="Status"/> is <see cref="ExperimentStatus.Failed"/>.</summary>
    public ExperimentFailure? Failure { get; init; }

    /// <summary>The researcher's motivation.</summary>
    public string Motivation { get; init; } = "";

    /// <summary>The current full source of the mixer (after repairs).</summary>
    public string Program { get; init; } = "";

    /// <summary>Machine-readable design description, when the researcher gave one.</summary>
    public string? DesignSpec { get; init; }

    /// <summary>Profile trained on.</summary>
    public string? ProfileName { get; init; }

    /// <summary>Training seed.</summary>
    public int Seed { get; init; }

    /// <summary>Probe measurements.</summary>
    public ProbeReport? Probes { get; init; }

    /// <summary>Training and benchmark results.</summary>
    public TrainingResult? Result { get; init; }

    /// <summary>The judge's sub-scores.</summary>
    public QualityJudgement? Judgement { get; init; }

    /// <summary>Fitness and its components.</summary>
    public FitnessScore? Fitness { get; init; }

    /// <summary>The analyst's report.</summary>
    public AnalysisReport? Analysis { get; init; }

    /// <summary>Cognition retrieved for the analysis (ASI-ARCH's <c>cognition</c> field).</summary>
    public IReadOnlyList<CognitionHit> Cognition { get; init; } = [];

    /// <summary>Repair rounds of the engineer.</summary>
    public IReadOnlyList<RepairAttempt> Attempts { get; init; } = [];

    /// <summary>Free-text log (e.g. the tail of a failed worker's output).</summary>
    public string Log { get; init; } = "";

    /// <summary>How candidate code was isolated.</summary>
    public SandboxLevel Sandbox { get; init; } = SandboxLevel.NotRun;

    /// <summary>Tokens, money and compute spent.</summary>
    public ExperimentCosts Costs { get; init; } = ExperimentCosts.None;

    /// <summary>When the record was created (store clock).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the record was last written (store clock).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Extra data (kept by stores as JSON).</summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; init; }

    /// <summary>ASI-ARCH's <c>score</c>: the fitness total (0-3), or null before scoring.</summary>
    public double? Score => Fitness?.Total;
}
