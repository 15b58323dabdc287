using AsiArch.Cli.Tests.Fixtures;
using AsiArch.Sdk;
using AsiArch.Sdk.Reporting;

namespace AsiArch.Cli.Tests.Report;

public sealed class DesignComponentAnalyzerTests
{
    [Fact]
    public void Analyze_TopTwo_ComparesDesignSpecGenesWithTheRest()
    {
        var usage = DesignComponentAnalyzer.Analyze(RunFixture.Experiments, topCount: 2);

        // Best candidates #5 and #4 both set convQ=true; of the others (#6 without a spec, #3 with convQ=false) none do.
        var conv = usage.Single(u => u.Component == "convQ=true");
        Assert.Equal("design spec", conv.Origin);
        Assert.Equal(2, conv.TopCount);
        Assert.Equal(1.0, conv.TopShare);
        Assert.Equal(0.0, conv.OtherShare);
        var gated = usage.Single(u => u.Component == "updateRule=GatedDeltaRule");
        Assert.Equal(0.5, gated.TopShare);
        Assert.Equal(usage[0].Component, usage.OrderByDescending(u => u.TopShare - u.OtherShare).First().Component);
    }

    [Fact]
    public void ComponentsOf_NoSpec_ReadsBuildingBlocksFromSource()
    {
        var record = new ExperimentRecord
        {
            Index = 1,
            Name = "x",
            DesignSpec = "not json",
            Program = "var c = new ShortConvolution(d); var o = SequenceOps.ChunkedGatedDeltaRule(q, k, v, b, g);",
        };

        var components = DesignComponentAnalyzer.ComponentsOf(record).Select(c => c.Name).ToHashSet();

        Assert.Contains("short convolution", components);
        Assert.Contains("gated delta rule", components);
        Assert.DoesNotContain("softmax attention", components);
    }
}
