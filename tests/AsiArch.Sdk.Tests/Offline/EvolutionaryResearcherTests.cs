using AsiArch.Sdk.Offline;
using static AsiArch.Sdk.Tests.Offline.OfflineFixtures;

namespace AsiArch.Sdk.Tests.Offline;

public sealed class EvolutionaryResearcherTests
{
    private static readonly LinearAttentionGenome Additive = (LinearAttentionGenome.DeltaNet with
    {
        UpdateRule = StateUpdateRule.Additive,
        FeatureMap = FeatureMapKind.EluPlusOne,
        QkNorm = QkNormalization.None,
    }).Canonicalize();

    private static ResearchContext Context(int seed = 1, ExperimentRecord? parent = null, IReadOnlyList<ExperimentRecord>? references = null) => new()
    {
        ExperimentIndex = 10,
        Seed = seed,
        Parent = parent ?? Record(3, Additive, fitness: 1.2, result: Result(0.41, 3.2)),
        References = references ?? [Record(5, LinearAttentionGenome.DeltaNet, fitness: 1.5, result: Result(0.63, 3.1))],
        Baselines = [Record(1, LinearAttentionGenome.DeltaNet, fitness: 1.5, result: Result(0.63, 3.1), kind: ExperimentKind.Baseline) with { Name = "DeltaNet", DesignSpec = null }],
    };

    [Fact]
    public async Task ProposeAsync_SameContextAndSeed_IsReproducible()
    {
        var a = await new EvolutionaryResearcher().ProposeAsync(Context(seed: 4));
        var b = await new EvolutionaryResearcher().ProposeAsync(Context(seed: 4));
        Assert.Equal(a.Name, b.Name);
        Assert.Equal(a.Motivation, b.Motivation);
        Assert.Equal(a.Source.Code, b.Source.Code);
        Assert.Equal(a.DesignSpec, b.DesignSpec);
    }

    [Fact]
    public async Task ProposeAsync_DifferentSeeds_ExploreDifferentDesigns()
    {
        var researcher = new EvolutionaryResearcher();
        var names = new HashSet<string>();
        for (var seed = 0; seed < 10; seed++)
        {
            names.Add((await researcher.ProposeAsync(Context(seed))).Name);
        }

        Assert.True(names.Count >= 5, $"Only {names.Count} distinct proposals over 10 seeds.");
    }

    [Fact]
    public async Task ProposeAsync_Parent_ChildIsNewCanonicalAndSpecRecordsLineage()
    {
        var proposal = await new EvolutionaryResearcher().ProposeAsync(Context());
        var doc = DesignSpecDocument.TryParse(proposal.DesignSpec);
        Assert.NotNull(doc);
        Assert.True(doc.Genome.IsCanonical);
        Assert.NotEqual(Additive, doc.Genome);
        Assert.NotEqual(LinearAttentionGenome.DeltaNet, doc.Genome);
        Assert.Equal(3, doc.ParentIndex);
        Assert.NotNull(doc.Operator);
        Assert.Equal(doc.Genome.DiffFrom(Additive).Count, doc.Changes.Count);
        Assert.Equal(GenomeSourceRenderer.Render(doc.Genome).Code, proposal.Source.Code);
        Assert.Equal(doc.Operator.ToString(), proposal.AdditionalProperties!["operator"]);
    }

    [Fact]
    public async Task ProposeAsync_Motivation_CitesParentMeasurementsAndBaseline()
    {
        var proposal = await new EvolutionaryResearcher().ProposeAsync(Context());
        Assert.Contains("mqar accuracy is 0.410 against 0.630 for the best baseline (DeltaNet)", proposal.Motivation, StringComparison.Ordinal);
        Assert.Contains("fitness 1.200", proposal.Motivation, StringComparison.Ordinal);
        var doc = DesignSpecDocument.TryParse(proposal.DesignSpec)!;
        foreach (var change in doc.Genome.DiffFrom(Additive))
        {
            Assert.Contains($"{change.Gene} from {change.From} to {change.To}", proposal.Motivation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProposeAsync_ParentWithoutSpec_MapsByNameAndDiffsAgainstIt()
    {
        var parent = new ExperimentRecord
        {
            Index = 2,
            Name = "GatedDeltaNet",
            Kind = ExperimentKind.Baseline,
            Program = "// baseline source",
            Fitness = Score(1.4),
        };
        var proposal = await new EvolutionaryResearcher().ProposeAsync(Context(parent: parent, references: []));
        var doc = DesignSpecDocument.TryParse(proposal.DesignSpec)!;
        var mapped = GenomeResolver.FromName("GatedDeltaNet")!;
        Assert.NotEqual(mapped, doc.Genome);
        Assert.Equal(doc.Genome.DiffFrom(mapped).Select(c => $"{c.Gene}: {c.From} -> {c.To}"), doc.Changes);
    }

    [Fact]
    public async Task ProposeAsync_RejectedEarlierThisRound_DoesNotRepeatIt()
    {
        var researcher = new EvolutionaryResearcher();
        var first = await researcher.ProposeAsync(Context());
        var verdict = new NoveltyVerdict { IsDuplicate = true, Reason = "duplicate" };
        var second = await researcher.ProposeAsync(Context() with { Rejected = [new RejectedProposal { Proposal = first, Verdict = verdict }] });
        Assert.NotEqual(DesignSpecDocument.TryParse(first.DesignSpec)!.Genome, DesignSpecDocument.TryParse(second.DesignSpec)!.Genome);
    }

    [Fact]
    public async Task ProposeAsync_RandomSampling_UsesRandomSampleOperator()
    {
        var researcher = new EvolutionaryResearcher(new EvolutionaryResearcherOptions { Strategy = SearchStrategy.RandomSampling });
        var proposal = await researcher.ProposeAsync(Context());
        Assert.Equal(EvolutionOperator.RandomSample, DesignSpecDocument.TryParse(proposal.DesignSpec)!.Operator);
        Assert.StartsWith("Samples a fresh point", proposal.Motivation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposeAsync_HistoryFavoursOneOperator_BanditChoosesItMostOften()
    {
        // History: 6 children made by MutateOutput gained +0.4 over their parent, every other operator lost 0.3.
        var history = new List<ExperimentRecord> { Record(100, LinearAttentionGenome.DeltaNet, fitness: 1.0) };
        var random = new Random(1);
        var index = 101L;
        foreach (var op in DesignSpace.BanditOperators)
        {
            for (var i = 0; i < 6; i++)
            {
                var gain = op == EvolutionOperator.MutateOutput ? 0.4 : -0.3;
                history.Add(Record(index++, DesignSpace.Sample(random), fitness: 1.0 + gain, parent: 100, op: op));
            }
        }

        var researcher = new EvolutionaryResearcher();
        var counts = new Dictionary<EvolutionOperator, int>();
        for (var seed = 0; seed < 40; seed++)
        {
            var context = Context(seed) with { References = history };
            var op = DesignSpecDocument.TryParse((await researcher.ProposeAsync(context)).DesignSpec)!.Operator!.Value;
            counts[op] = counts.GetValueOrDefault(op) + 1;
        }

        var best = counts.MaxBy(kv => kv.Value).Key;
        Assert.Equal(EvolutionOperator.MutateOutput, best);
        Assert.True(counts[EvolutionOperator.MutateOutput] >= 30, $"MutateOutput chosen {counts[EvolutionOperator.MutateOutput]} of 40 times.");
    }

    [Fact]
    public async Task CheckNoveltyAsync_SameGenome_IsDuplicateWithReason()
    {
        var researcher = new EvolutionaryResearcher();
        var proposal = await researcher.ProposeAsync(Context());
        var genome = DesignSpecDocument.TryParse(proposal.DesignSpec)!.Genome;
        var earlier = Record(7, genome, fitness: 1.0) with { Program = "// different text, same genome" };
        var verdict = await researcher.CheckNoveltyAsync(proposal, [Record(6, Additive), earlier]);
        Assert.True(verdict.IsDuplicate);
        Assert.Equal([7L], verdict.SimilarTo);
        Assert.Contains("same genome", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckNoveltyAsync_OnlyChunkSizeDiffers_IsNearDuplicate()
    {
        var researcher = new EvolutionaryResearcher();
        var proposal = await researcher.ProposeAsync(Context());
        var genome = DesignSpecDocument.TryParse(proposal.DesignSpec)!.Genome;
        var other = genome with { ChunkSize = genome.ChunkSize == 64 ? 16 : 64 };
        var verdict = await researcher.CheckNoveltyAsync(proposal, [Record(8, other)]);
        Assert.True(verdict.IsDuplicate);
        Assert.Contains("ChunkSize", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckNoveltyAsync_DifferentUpdateRule_IsNovelWithDistance()
    {
        var researcher = new EvolutionaryResearcher();
        var proposal = await researcher.ProposeAsync(Context());
        var genome = DesignSpecDocument.TryParse(proposal.DesignSpec)!.Genome;
        var other = DesignSpace.Mutate(genome, EvolutionOperator.MutateUpdateRule, new Random(1));
        var verdict = await researcher.CheckNoveltyAsync(proposal, [Record(8, other)]);
        Assert.False(verdict.IsDuplicate);
        Assert.Contains("distance", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckNoveltyAsync_ProposalWithoutSpecAndIdenticalSource_IsDuplicate()
    {
        var proposal = new Proposal { Name = "llm", Motivation = "m", Source = new CandidateSource("class X {}") };
        var earlier = new ExperimentRecord { Index = 4, Name = "old", Program = "class X {}" };
        var verdict = await new EvolutionaryResearcher().CheckNoveltyAsync(proposal, [earlier]);
        Assert.True(verdict.IsDuplicate);
        Assert.Contains("identical source", verdict.Reason, StringComparison.Ordinal);
    }
}
