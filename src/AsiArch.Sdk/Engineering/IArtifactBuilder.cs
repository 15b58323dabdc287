namespace AsiArch.Sdk.Engineering;

/// <summary>The engineer's static steps: source in, loadable artifact (or a compile, policy or contract failure) out.</summary>
public interface IArtifactBuilder
{
    /// <summary>Compiles and checks <paramref name="source"/> without loading it.</summary>
    ArtifactBuildResult Build(CandidateSource source);
}
