using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.Tests.Conformance;

public sealed class MetricQualityJudgeConformanceTests : QualityJudgeConformanceTests
{
    protected override IQualityJudge CreateJudge() => new MetricQualityJudge();
}
