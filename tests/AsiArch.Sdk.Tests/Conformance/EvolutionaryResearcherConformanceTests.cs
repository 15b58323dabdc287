using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.Tests.Conformance;

// <snippet:researcher-conformance>
public sealed class EvolutionaryResearcherConformanceTests : ResearcherConformanceTests
{
    protected override IResearcher CreateResearcher() => new EvolutionaryResearcher();
}
// </snippet:researcher-conformance>
