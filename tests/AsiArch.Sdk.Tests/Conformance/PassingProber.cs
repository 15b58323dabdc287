using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Tests.Conformance;

/// <summary>A prober that passes every artifact without running it (the engineer suite needs no torch).</summary>
internal sealed class PassingProber : ICandidateProber
{
    public Task<WorkerOutcome> ProbeAsync(CandidateArtifact artifact, TrainingProfile profile, int seed, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new WorkerOutcome
        {
            Probes = new ProbeReport { Causal = true, BatchIndependent = true, ComplexityExponent = 1.0, Parameters = artifact.Assembly.Length },
            Sandbox = SandboxLevel.ProcessOnly,
        });
    }
}
