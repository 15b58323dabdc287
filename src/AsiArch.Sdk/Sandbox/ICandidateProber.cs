namespace AsiArch.Sdk.Sandbox;

/// <summary>Runs the sanity probes (contract, shape, causality, complexity, finiteness, budget) on a compiled candidate.</summary>
/// <remarks>The default, <see cref="WorkerClient"/>, runs them in the sandboxed worker; tests substitute a fake.</remarks>
public interface ICandidateProber
{
    /// <summary>Probes <paramref name="artifact"/> with the shapes and budget of <paramref name="profile"/>.</summary>
    Task<WorkerOutcome> ProbeAsync(CandidateArtifact artifact, TrainingProfile profile, int seed, CancellationToken cancellationToken = default);
}
