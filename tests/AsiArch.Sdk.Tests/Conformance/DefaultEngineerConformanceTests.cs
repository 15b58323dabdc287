using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Testing.Conformance;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Conformance;

/// <summary>The real engineer (Roslyn compile, gate, contract) with probes and training faked: no torch runs here.</summary>
public sealed class DefaultEngineerConformanceTests : EngineerConformanceTests
{
    private static readonly ArtifactBuilder Builder = new();

    protected override IEngineer CreateEngineer() => new Engineer(Builder, new PassingProber(), new FakeTrainer());
}
