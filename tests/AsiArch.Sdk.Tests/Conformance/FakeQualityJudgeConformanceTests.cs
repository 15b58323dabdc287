using AsiArch.Sdk.Testing.Conformance;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Conformance;

public sealed class FakeQualityJudgeConformanceTests : QualityJudgeConformanceTests
{
    protected override IQualityJudge CreateJudge() => new FakeQualityJudge();
}
