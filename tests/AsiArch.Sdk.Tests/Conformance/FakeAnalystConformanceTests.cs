using AsiArch.Sdk.Testing.Conformance;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Conformance;

public sealed class FakeAnalystConformanceTests : AnalystConformanceTests
{
    protected override IAnalyst CreateAnalyst() => new FakeAnalyst();
}
