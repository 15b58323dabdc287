using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.Tests.Conformance;

public sealed class StatisticalAnalystConformanceTests : AnalystConformanceTests
{
    protected override IAnalyst CreateAnalyst() => new StatisticalAnalyst();
}
