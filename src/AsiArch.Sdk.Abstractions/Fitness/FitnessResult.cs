namespace AsiArch.Sdk;

/// <summary>A fitness score, or the typed failure (e.g. <see cref="FailureKind.MissingMetric"/>) that prevented one.</summary>
public sealed record FitnessResult
{
    /// <summary>A successful result.</summary>
    public static FitnessResult Success(FitnessScore score) => new() { Score = score };

    /// <summary>A failed result.</summary>
    public static FitnessResult Fail(ExperimentFailure failure) => new() { Failure = failure };

    /// <summary>True when scored.</summary>
    public bool Succeeded => Score is not null;

    /// <summary>The score.</summary>
    public FitnessScore? Score { get; init; }

    /// <summary>Why no score.</summary>
    public ExperimentFailure? Failure { get; init; }
}
