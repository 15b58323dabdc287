namespace AsiArch.Sdk;

/// <summary>What a fitness scorer needs.</summary>
public sealed record FitnessRequest
{
    /// <summary>The measured result.</summary>
    public required TrainingResult Result { get; init; }

    /// <summary>The profile it was trained on (loss task and benchmark weights).</summary>
    public required TrainingProfile Profile { get; init; }

    /// <summary>The baseline to compare with.</summary>
    public required BaselineReference Baseline { get; init; }

    /// <summary>The judge's sub-scores, when a judge ran.</summary>
    public QualityJudgement? Judgement { get; init; }

    /// <summary>The experiment, for user-defined formulas.</summary>
    public ExperimentRecord? Experiment { get; init; }
}
