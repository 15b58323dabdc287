using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Engineering.Compilation;

namespace AsiArch.Sdk.IntegrationTests.Engineering;

/// <summary>One shared compiler (Roslyn warm-up is paid once per test run).</summary>
internal static class SharedBuilder
{
    public static ArtifactBuilder Instance { get; } = new(new CandidateCompiler());

    public static CandidateArtifact BuildValid(string source)
    {
        var result = Instance.Build(new CandidateSource(source));
        Assert.True(result.Succeeded, result.Failure?.ToString());
        return result.Artifact!;
    }
}
