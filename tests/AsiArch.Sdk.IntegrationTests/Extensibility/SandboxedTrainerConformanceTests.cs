using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.IntegrationTests.Extensibility;

/// <summary>The sandboxed trainer (a real worker process, real torch) against the trainer suite, on the tiny conformance profile.</summary>
[Collection("torch")]
public sealed class SandboxedTrainerConformanceTests : TrainerConformanceTests
{
    private static readonly Lazy<CandidateArtifact> Artifact = new(() => Engineering.SharedBuilder.BuildValid(RoleSamples.ValidMixerSource));

    protected override ITrainer CreateTrainer() => new SandboxedTrainer(new SandboxOptions { Threads = 1 });

    protected override TrainingRequest CreateRequest(bool longRunning = false) =>
        base.CreateRequest(longRunning) with { Candidate = Artifact.Value };
}
