namespace AsiArch.Sdk;

/// <summary>The outcome of <see cref="ICandidateChecker.CheckAsync"/>.</summary>
public sealed record CandidateCheckResult
{
    /// <summary>A passing result.</summary>
    public static CandidateCheckResult Pass { get; } = new() { Passed = true };

    /// <summary>True when the source compiled and passed the gate.</summary>
    public bool Passed { get; init; }

    /// <summary>The failure kind when it did not pass (compile error, policy or contract violation).</summary>
    public FailureKind? Kind { get; init; }

    /// <summary>Diagnostics with line numbers.</summary>
    public IReadOnlyList<string> Diagnostics { get; init; } = [];
}
