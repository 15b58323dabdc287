using AsiArch.Sdk.Reporting;

namespace AsiArch.Cli.Tests.Report;

public sealed class PromotionOutcomeReaderTests
{
    [Fact]
    public void Parse_LoopOutcomeInPascalCase_ReadsDiscoveryAndPValue()
    {
        var p = PromotionOutcomeReader.Parse(
            """{"CandidateIndex":12,"CandidateName":"x","PromotionIndexes":[20,21],"ProfileName":"Verify","BestBaselineName":"DeltaNet","Test":{"PValue":0.02},"IsDiscovery":true,"Verdict":"beats"}""",
            12);

        Assert.True(p.IsDiscovery);
        Assert.Equal([20L, 21L], p.PromotionIndexes);
        Assert.Equal(0.02, p.PValue);
        Assert.Equal("DeltaNet", p.BestBaselineName);
    }

    [Fact]
    public void Parse_CamelCaseWithoutTest_UsesKeyIndexAndNoDiscovery()
    {
        var p = PromotionOutcomeReader.Parse("""{"candidateName":"y","isDiscovery":false}""", 7);

        Assert.Equal(7, p.CandidateIndex);
        Assert.False(p.IsDiscovery);
        Assert.Null(p.PValue);
    }

    [Fact]
    public void Parse_NotJson_ThrowsFormatExceptionNamingTheExperiment()
    {
        var ex = Assert.Throws<FormatException>(() => PromotionOutcomeReader.Parse("{oops", 3));

        Assert.Contains("experiment 3", ex.Message, StringComparison.Ordinal);
    }
}
