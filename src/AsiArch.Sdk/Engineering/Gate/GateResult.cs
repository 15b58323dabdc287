namespace AsiArch.Sdk.Engineering.Gate;

/// <summary>What the <see cref="SafetyGate"/> found in one candidate.</summary>
public sealed record GateResult
{
    /// <summary>Every forbidden use, in source order.</summary>
    public required IReadOnlyList<GateViolation> Violations { get; init; }

    /// <summary>A <see cref="FailureKind.PolicyViolation"/> failure when there are violations, else null.</summary>
    public ExperimentFailure? Failure { get; init; }

    /// <summary>Time the gate took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>True when nothing forbidden was found.</summary>
    public bool Passed => Violations.Count == 0;
}
