namespace AsiArch.Sdk;

/// <summary>The outcome of compile, gate, probes and repair.</summary>
public sealed record ImplementationResult
{
    /// <summary>True when an artifact passed every check.</summary>
    public bool Succeeded => Failure is null && Artifact is not null;

    /// <summary>The validated artifact, when succeeded.</summary>
    public CandidateArtifact? Artifact { get; init; }

    /// <summary>The last source tried (the repaired one when repairs happened).</summary>
    public required CandidateSource FinalSource { get; init; }

    /// <summary>Probe measurements of the final source, when probes ran.</summary>
    public ProbeReport? Probes { get; init; }

    /// <summary>Why it failed, after all repair attempts.</summary>
    public ExperimentFailure? Failure { get; init; }

    /// <summary>The repair rounds, in order.</summary>
    public IReadOnlyList<RepairAttempt> Attempts { get; init; } = [];

    /// <summary>How the probes were isolated.</summary>
    public SandboxLevel Sandbox { get; init; }
}
