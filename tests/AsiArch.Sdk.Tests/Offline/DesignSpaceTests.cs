using AsiArch.Sdk.Offline;

namespace AsiArch.Sdk.Tests.Offline;

public sealed class DesignSpaceTests
{
    private static readonly Dictionary<EvolutionOperator, string[]> OperatorGenes = new()
    {
        [EvolutionOperator.MutateFeatureMap] = ["FeatureMap", "KeyExpansion"],
        [EvolutionOperator.MutateQkNorm] = ["QkNorm", "OutputNorm"],
        [EvolutionOperator.MutateUpdateRule] = ["UpdateRule", "QkNorm", "WriteStrength", "OutputNorm"],
        [EvolutionOperator.MutateWriteStrength] = ["WriteStrength"],
        [EvolutionOperator.MutateShortConvolution] = ["ConvQ", "ConvK", "ConvV", "ConvKernel"],
        [EvolutionOperator.MutateOutput] = ["OutputGate", "OutputNorm"],
        [EvolutionOperator.MutateShape] = ["Heads", "KeyExpansion", "ValueExpansion", "ChunkSize"],
        [EvolutionOperator.MutateSlidingWindow] = ["SlidingWindow", "BranchMixing"],
    };

    [Fact]
    public void Sample_ManyDraws_AllCanonicalAndCoverEveryUpdateRule()
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, 500).Select(_ => DesignSpace.Sample(random)).ToList();
        Assert.All(samples, s => Assert.True(s.IsCanonical));
        Assert.Equal(Enum.GetValues<StateUpdateRule>().Length, samples.Select(s => s.UpdateRule).Distinct().Count());
        Assert.True(samples.Distinct().Count() > 400);
    }

    [Fact]
    public void Mutate_EveryOperatorOnRandomGenomes_StaysInSpaceAndTouchesOnlyItsGenes()
    {
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            var parent = DesignSpace.Sample(random);
            foreach (var (op, genes) in OperatorGenes)
            {
                var child = DesignSpace.Mutate(parent, op, random);
                Assert.True(child.IsCanonical, $"{op} left the space: {child}");
                var changed = child.DiffFrom(parent).Select(d => d.Gene).ToList();
                Assert.All(changed, gene => Assert.Contains(gene, genes));
            }
        }
    }

    [Fact]
    public void Mutate_UpdateRule_ChangesTheRule()
    {
        var random = new Random(3);
        for (var i = 0; i < 50; i++)
        {
            var parent = DesignSpace.Sample(random);
            Assert.NotEqual(parent.UpdateRule, DesignSpace.Mutate(parent, EvolutionOperator.MutateUpdateRule, random).UpdateRule);
        }
    }

    [Fact]
    public void Mutate_Crossover_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DesignSpace.Mutate(LinearAttentionGenome.DeltaNet, EvolutionOperator.Crossover, new Random(1)));
    }

    [Fact]
    public void Crossover_RandomPairs_StaysInSpaceWithGenesFromEitherParent()
    {
        var random = new Random(5);
        string[] free = ["UpdateRule", "FeatureMap", "Heads", "ValueExpansion", "ChunkSize", "SlidingWindow", "ConvQ", "ConvK", "ConvV"];
        for (var i = 0; i < 300; i++)
        {
            var p = DesignSpace.Sample(random);
            var r = DesignSpace.Sample(random);
            var child = DesignSpace.Crossover(p, r, random);
            Assert.True(child.IsCanonical);
            var (cg, pg, rg) = (child.Genes(), p.Genes(), r.Genes());
            Assert.All(free, gene => Assert.True(cg[gene] == pg[gene] || cg[gene] == rg[gene], $"{gene} = {cg[gene]} is from neither parent"));
            if (!p.Equals(r))
            {
                Assert.NotEqual(p, child);
            }
        }
    }

    [Fact]
    public void Sample_SameSeed_SameSequence()
    {
        var a = new Random(42);
        var b = new Random(42);
        Assert.Equal(Enumerable.Range(0, 20).Select(_ => DesignSpace.Sample(a)), Enumerable.Range(0, 20).Select(_ => DesignSpace.Sample(b)));
    }
}
