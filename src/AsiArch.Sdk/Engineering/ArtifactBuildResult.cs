using AsiArch.Sdk.Engineering.Gate;

namespace AsiArch.Sdk.Engineering;

/// <summary>The outcome of the static steps (compile, gate, contract): an artifact ready for the worker, or a failure.</summary>
public sealed record ArtifactBuildResult
{
    /// <summary>The artifact, when every static check passed.</summary>
    public CandidateArtifact? Artifact { get; init; }

    /// <summary>Why it failed (<see cref="FailureKind.CompileError"/>, <see cref="FailureKind.PolicyViolation"/>, <see cref="FailureKind.ContractViolation"/>).</summary>
    public ExperimentFailure? Failure { get; init; }

    /// <summary>Gate findings (empty when the gate passed or did not run).</summary>
    public IReadOnlyList<GateViolation> Violations { get; init; } = [];

    /// <summary>Compile time (zero on a cache hit).</summary>
    public TimeSpan CompileTime { get; init; }

    /// <summary>Gate plus contract-inspection time.</summary>
    public TimeSpan GateTime { get; init; }

    /// <summary>True when the compile came from the cache.</summary>
    public bool FromCache { get; init; }

    /// <summary>True when an artifact was built.</summary>
    public bool Succeeded => Failure is null && Artifact is not null;
}
