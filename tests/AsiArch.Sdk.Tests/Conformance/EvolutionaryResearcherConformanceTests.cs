using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.Tests.Conformance;

public sealed class EvolutionaryResearcherConformanceTests : ResearcherConformanceTests
{
    protected override IResearcher CreateResearcher() => new EvolutionaryResearcher();
}
