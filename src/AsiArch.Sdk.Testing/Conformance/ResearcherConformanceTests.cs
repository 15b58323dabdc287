using Xunit;

namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="IResearcher"/> must show: complete proposals, honoured cancellation, argument checks,
/// safe concurrent use and a sound novelty verdict. Derive a test class and implement <see cref="CreateResearcher"/>;
/// override <see cref="CreateContext"/> when your researcher needs a different context.
/// </summary>
public abstract class ResearcherConformanceTests
{
    /// <summary>A new researcher for one test.</summary>
    protected abstract IResearcher CreateResearcher();

    /// <summary>The context proposals are made from (default: <see cref="RoleSamples.Context"/>).</summary>
    /// <param name="seed">Seed of the context.</param>
    protected virtual ResearchContext CreateContext(int seed) => RoleSamples.Context(seed);

    /// <summary>A proposal has a name, a motivation and source code.</summary>
    [Fact]
    public async Task ProposeAsync_Context_ReturnsCompleteProposal()
    {
        var proposal = await CreateResearcher().ProposeAsync(CreateContext(1));

        Assert.NotNull(proposal);
        ConformanceAssert.NotBlank(proposal.Name, "Proposal.Name");
        ConformanceAssert.NotBlank(proposal.Motivation, "Proposal.Motivation");
        Assert.NotNull(proposal.Source);
        ConformanceAssert.NotBlank(proposal.Source.Code, "Proposal.Source.Code");
        Assert.NotNull(proposal.Usage);
    }

    /// <summary>A cancelled token stops the proposal with <see cref="OperationCanceledException"/>.</summary>
    [Fact]
    public Task ProposeAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var researcher = CreateResearcher();
        var context = CreateContext(2);
        return ConformanceAssert.ThrowsWhenCancelledAsync(ct => researcher.ProposeAsync(context, ct));
    }

    /// <summary>A null context is a contract violation.</summary>
    [Fact]
    public async Task ProposeAsync_NullContext_ThrowsArgumentNull()
    {
        var researcher = CreateResearcher();
        await Assert.ThrowsAsync<ArgumentNullException>(() => researcher.ProposeAsync(null!));
    }

    /// <summary>One researcher serves several experiments at once (the loop runs rounds concurrently).</summary>
    [Fact]
    public async Task ProposeAsync_ConcurrentCalls_AllComplete()
    {
        var researcher = CreateResearcher();
        var calls = Enumerable.Range(0, 8).Select(i => Task.Run(() => researcher.ProposeAsync(CreateContext(100 + i)))).ToList();

        var proposals = await Task.WhenAll(calls);

        Assert.All(proposals, p =>
        {
            ConformanceAssert.NotBlank(p.Name, "Proposal.Name");
            ConformanceAssert.NotBlank(p.Source.Code, "Proposal.Source.Code");
        });
    }

    /// <summary>With nothing similar to compare against, a proposal cannot be a duplicate.</summary>
    [Fact]
    public async Task CheckNoveltyAsync_NoSimilarExperiments_IsNotDuplicate()
    {
        var researcher = CreateResearcher();
        var proposal = await researcher.ProposeAsync(CreateContext(3));

        var verdict = await researcher.CheckNoveltyAsync(proposal, []);

        Assert.False(verdict.IsDuplicate, $"Nothing earlier to repeat, yet judged a duplicate: {verdict.Reason}");
        Assert.Empty(verdict.SimilarTo);
    }

    /// <summary>An earlier experiment with the same program and motivation is a duplicate, and the verdict names it.</summary>
    [Fact]
    public async Task CheckNoveltyAsync_IdenticalEarlierExperiment_IsDuplicateNamingIt()
    {
        var researcher = CreateResearcher();
        var proposal = await researcher.ProposeAsync(CreateContext(4));
        var earlier = RoleSamples.Evaluated(7, proposal.Name, 0.5, 2.5) with
        {
            Motivation = proposal.Motivation,
            Program = proposal.Source.Code,
            DesignSpec = proposal.DesignSpec,
        };
        var unrelated = RoleSamples.Evaluated(8, "unrelated", 0.4, 2.7);

        var verdict = await researcher.CheckNoveltyAsync(proposal, [unrelated, earlier]);

        Assert.True(verdict.IsDuplicate, $"An identical earlier experiment was judged novel: {verdict.Reason}");
        Assert.Contains(7L, verdict.SimilarTo);
        Assert.All(verdict.SimilarTo, i => Assert.Contains(i, new long[] { 7, 8 }));
    }

    /// <summary>A cancelled token stops the novelty check.</summary>
    [Fact]
    public async Task CheckNoveltyAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var researcher = CreateResearcher();
        var proposal = await researcher.ProposeAsync(CreateContext(5));
        var similar = new[] { RoleSamples.Evaluated(7, "earlier", 0.5, 2.5) };
        await ConformanceAssert.ThrowsWhenCancelledAsync(ct => researcher.CheckNoveltyAsync(proposal, similar, ct));
    }

    /// <summary>Null arguments are contract violations.</summary>
    [Fact]
    public async Task CheckNoveltyAsync_NullArguments_ThrowArgumentNull()
    {
        var researcher = CreateResearcher();
        await Assert.ThrowsAsync<ArgumentNullException>(() => researcher.CheckNoveltyAsync(null!, []));
        await Assert.ThrowsAsync<ArgumentNullException>(() => researcher.CheckNoveltyAsync(RoleSamples.ValidProposal, null!));
    }
}
