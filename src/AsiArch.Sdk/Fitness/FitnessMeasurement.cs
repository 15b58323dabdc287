namespace AsiArch.Sdk.Fitness;

/// <summary>The measured fitness inputs of a result, or why they could not be measured.</summary>
public sealed record FitnessMeasurement
{
    /// <summary>The values, when measured.</summary>
    public FitnessGlobals? Globals { get; init; }

    /// <summary>Why not.</summary>
    public ExperimentFailure? Failure { get; init; }

    /// <summary>A failed measurement.</summary>
    public static FitnessMeasurement Fail(FailureKind kind, string message) => new() { Failure = new ExperimentFailure(kind, message) };
}
