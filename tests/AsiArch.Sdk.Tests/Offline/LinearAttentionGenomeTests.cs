using AsiArch.Sdk.Offline;

namespace AsiArch.Sdk.Tests.Offline;

public sealed class LinearAttentionGenomeTests
{
    [Fact]
    public void DeltaNet_Default_IsCanonicalDeltaRuleWithSiluL2ConvAndRmsNorm()
    {
        var g = LinearAttentionGenome.DeltaNet;
        Assert.True(g.IsCanonical);
        Assert.Equal(StateUpdateRule.DeltaRule, g.UpdateRule);
        Assert.Equal(FeatureMapKind.Silu, g.FeatureMap);
        Assert.Equal(QkNormalization.L2, g.QkNorm);
        Assert.Equal(WriteStrength.DataDependent, g.WriteStrength);
        Assert.True(g.ConvQ && g.ConvK && g.ConvV);
        Assert.Equal(OutputNormKind.RmsNorm, g.OutputNorm);
    }

    [Fact]
    public void Canonicalize_DeltaRuleWithoutNormOrBeta_ForcesL2AndDataDependentBeta()
    {
        var g = (LinearAttentionGenome.DeltaNet with { QkNorm = QkNormalization.None, WriteStrength = WriteStrength.None }).Canonicalize();
        Assert.Equal(QkNormalization.L2, g.QkNorm);
        Assert.Equal(WriteStrength.DataDependent, g.WriteStrength);
    }

    [Fact]
    public void Canonicalize_OffListValues_SnapToAllowedValues()
    {
        var g = (LinearAttentionGenome.DeltaNet with { KeyExpansion = 1.7, ChunkSize = 50, ConvKernel = 9, SlidingWindow = 30, Heads = (HeadCount)42 }).Canonicalize();
        Assert.Equal(2.0, g.KeyExpansion);
        Assert.Equal(64, g.ChunkSize);
        Assert.Equal(4, g.ConvKernel);
        Assert.Equal(32, g.SlidingWindow);
        Assert.Equal(HeadCount.Profile, g.Heads);
    }

    [Fact]
    public void Canonicalize_IrrelevantGenes_SetToCanonicalValues()
    {
        var a = (LinearAttentionGenome.DeltaNet with { ConvQ = false, ConvK = false, ConvV = false, ConvKernel = 2, SlidingWindow = 0, BranchMixing = BranchMixing.DataDependentGate }).Canonicalize();
        Assert.Equal(4, a.ConvKernel);
        Assert.Equal(BranchMixing.Sum, a.BranchMixing);
        var b = (LinearAttentionGenome.DeltaNet with { OutputNorm = OutputNormKind.GatedRmsNorm, OutputGate = OutputGateKind.Sigmoid }).Canonicalize();
        Assert.Equal(OutputGateKind.None, b.OutputGate);
        var c = (LinearAttentionGenome.DeltaNet with { FeatureMap = FeatureMapKind.Taylor2, KeyExpansion = 2 }).Canonicalize();
        Assert.Equal(0.5, c.KeyExpansion);
    }

    [Fact]
    public void DistanceTo_SameAndDifferent_ZeroAndWeighted()
    {
        var g = LinearAttentionGenome.DeltaNet;
        Assert.Equal(0, g.DistanceTo(g));
        var chunk = g with { ChunkSize = 16 };
        var rule = g with { UpdateRule = StateUpdateRule.GatedDeltaRule };
        Assert.True(g.DistanceTo(chunk) < 0.015);
        Assert.True(g.DistanceTo(rule) > 0.1);
        Assert.Equal(g.DistanceTo(rule), rule.DistanceTo(g));
        var far = (g with { UpdateRule = StateUpdateRule.Additive, FeatureMap = FeatureMapKind.Relu, SlidingWindow = 64 }).Canonicalize();
        Assert.InRange(g.DistanceTo(far), 0.3, 1.0);
    }

    [Fact]
    public void DesignSpecDocument_RoundTrip_PreservesGenomeAndOperator()
    {
        var g = (LinearAttentionGenome.DeltaNet with { UpdateRule = StateUpdateRule.GatedDeltaRule, SlidingWindow = 32, BranchMixing = BranchMixing.LearnedScalar }).Canonicalize();
        var doc = new DesignSpecDocument { Genome = g, Operator = EvolutionOperator.Crossover, ParentIndex = 3, ReferenceIndex = 9, Changes = ["UpdateRule: DeltaRule -> GatedDeltaRule"] };
        var parsed = DesignSpecDocument.TryParse(doc.ToJson());
        Assert.NotNull(parsed);
        Assert.Equal(g, parsed.Genome);
        Assert.Equal(EvolutionOperator.Crossover, parsed.Operator);
        Assert.Equal(3, parsed.ParentIndex);
        Assert.Equal(9, parsed.ReferenceIndex);
        Assert.Contains("\"updateRule\":\"GatedDeltaRule\"", doc.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"family\":\"something-else\",\"version\":1,\"genome\":{}}")]
    [InlineData("{\"family\":\"linear-attention\",\"version\":99,\"genome\":{}}")]
    [InlineData("{\"family\":\"linear-attention\",\"version\":1}")]
    public void DesignSpecDocument_TryParseForeignText_ReturnsNull(string? json) =>
        Assert.Null(DesignSpecDocument.TryParse(json));

    [Theory]
    [InlineData("DeltaNet", StateUpdateRule.DeltaRule)]
    [InlineData("GatedDeltaNet", StateUpdateRule.GatedDeltaRule)]
    [InlineData("gated_delta_net", StateUpdateRule.GatedDeltaRule)]
    [InlineData("GLA", StateUpdateRule.DataDependentDecay)]
    [InlineData("Mamba2", StateUpdateRule.DataDependentDecay)]
    [InlineData("RetNet", StateUpdateRule.FixedDecay)]
    [InlineData("LinearAttention", StateUpdateRule.Additive)]
    public void GenomeResolver_BaselineName_MapsToNearestGenome(string name, StateUpdateRule rule)
    {
        var record = new ExperimentRecord { Index = 1, Name = name, Kind = ExperimentKind.Baseline, Program = "// hand-written" };
        var g = GenomeResolver.Resolve(record);
        Assert.Equal(rule, g.UpdateRule);
        Assert.True(g.IsCanonical);
    }

    [Fact]
    public void GenomeResolver_UnknownNameAndSource_FallsBackToDeltaNet()
    {
        var record = new ExperimentRecord { Index = 1, Name = "my_llm_design", Program = "public sealed class X {}" };
        Assert.Equal(LinearAttentionGenome.DeltaNet, GenomeResolver.Resolve(record));
    }

    [Fact]
    public void GenomeResolver_SourceCallingGatedDeltaBlock_InfersGatedDelta()
    {
        var record = new ExperimentRecord { Index = 1, Name = "llm_design", Program = "var o = SequenceOps.ChunkedGatedDeltaRule(q, k, v, beta, g, 64); var local = SequenceOps.SlidingWindowAttention(q, k, v, 32);" };
        var g = GenomeResolver.Resolve(record);
        Assert.Equal(StateUpdateRule.GatedDeltaRule, g.UpdateRule);
        Assert.Equal(32, g.SlidingWindow);
    }
}
