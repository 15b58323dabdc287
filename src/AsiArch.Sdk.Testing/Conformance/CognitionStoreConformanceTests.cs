using Xunit;

namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="ICognitionStore"/> must show. Derive a test class, implement
/// <see cref="CreateStoreAsync"/> to return a new, empty store, and xunit runs these tests against it.
/// </summary>
public abstract class CognitionStoreConformanceTests
{
    /// <summary>Creates a new, empty store for one test.</summary>
    protected abstract Task<ICognitionStore> CreateStoreAsync();

    /// <summary>A complete paper entry for tests.</summary>
    protected static CognitionEntry PaperEntry(string id, string trigger, string title = "A paper") => new()
    {
        Id = id,
        TriggerPatterns = trigger,
        Background = "Background of " + id,
        AlgorithmicInnovation = "Innovation of " + id,
        DesignInsight = "Insight of " + id,
        ImplementationGuidance = "Guidance of " + id,
        Source = new CognitionSource { Title = title, ArxivId = "2406.06484", Year = 2024, Authors = "Someone et al." },
        Kind = CognitionKind.Paper,
        CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    /// <summary>An added entry reads back field by field.</summary>
    [Fact]
    public async Task AddAsync_NewEntry_GetReturnsEveryField()
    {
        var store = await CreateStoreAsync();
        var entry = PaperEntry("a-1", "recall accuracy drops as pairs grow");
        await store.AddAsync(entry);
        var read = await store.GetAsync("a-1");
        Assert.Equal(entry, read);
    }

    /// <summary>Adding an entry with an existing id replaces it.</summary>
    [Fact]
    public async Task AddAsync_ExistingId_ReplacesEntry()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(PaperEntry("a-1", "old trigger"));
        await store.AddAsync(PaperEntry("a-1", "new trigger about decay"));
        var all = await store.ListAsync();
        Assert.Single(all);
        Assert.Equal("new trigger about decay", all[0].TriggerPatterns);
        var hits = await store.SearchAsync("old trigger", 5);
        Assert.DoesNotContain(hits, h => h.Entry.TriggerPatterns == "old trigger");
    }

    /// <summary>An experiment-derived insight keeps its kind and experiment index.</summary>
    [Fact]
    public async Task AddAsync_ExperimentDerived_KeepsKindAndIndex()
    {
        var store = await CreateStoreAsync();
        var entry = PaperEntry("exp-1", "short convolution helps recall") with { Kind = CognitionKind.ExperimentDerived, ExperimentIndex = 42, Source = null };
        await store.AddAsync(entry);
        var read = await store.GetAsync("exp-1");
        Assert.NotNull(read);
        Assert.Equal(CognitionKind.ExperimentDerived, read.Kind);
        Assert.Equal(42, read.ExperimentIndex);
        Assert.Null(read.Source);
    }

    /// <summary>An unknown id gives null.</summary>
    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.GetAsync("missing"));
    }

    /// <summary>List is ordered by id.</summary>
    [Fact]
    public async Task ListAsync_SeveralEntries_OrderedById()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(PaperEntry("c", "gamma"));
        await store.AddAsync(PaperEntry("a", "alpha"));
        await store.AddAsync(PaperEntry("b", "beta"));
        Assert.Equal(["a", "b", "c"], (await store.ListAsync()).Select(e => e.Id));
    }

    /// <summary>The entry whose trigger patterns match the query ranks first.</summary>
    [Fact]
    public async Task SearchAsync_MatchingTrigger_RanksItFirst()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(PaperEntry("recall", "associative recall accuracy drops as the number of key value pairs grows"));
        await store.AddAsync(PaperEntry("speed", "throughput is low and training step time is high"));
        await store.AddAsync(PaperEntry("nan", "training loss diverges to NaN with unnormalised keys"));
        var hits = await store.SearchAsync("recall accuracy drops when pairs grow", 3);
        Assert.NotEmpty(hits);
        Assert.Equal("recall", hits[0].Entry.Id);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score), "Hits must be ordered best first.");
    }

    /// <summary>No more hits than asked for.</summary>
    [Fact]
    public async Task SearchAsync_Count_LimitsHits()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 6; i++)
        {
            await store.AddAsync(PaperEntry($"e{i}", $"loss plateau variant {i}"));
        }

        Assert.Equal(2, (await store.SearchAsync("loss plateau", 2)).Count);
    }

    /// <summary>Punctuation, quotes and query-language operators never throw.</summary>
    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("NEAR(recall, 3) AND OR NOT *")]
    [InlineData("mqar: accuracy -- 0.41?! (plateau) [x] {y} ^ ~ ' ;")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    public async Task SearchAsync_PunctuationOrEmpty_DoesNotThrow(string query)
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(PaperEntry("recall", "mqar accuracy plateau recall"));
        var hits = await store.SearchAsync(query, 3);
        Assert.NotNull(hits);
    }

    /// <summary>An empty store finds nothing.</summary>
    [Fact]
    public async Task SearchAsync_EmptyStore_ReturnsEmpty()
    {
        var store = await CreateStoreAsync();
        Assert.Empty(await store.SearchAsync("recall", 3));
    }

    /// <summary>An entry without an id or trigger patterns is rejected.</summary>
    [Fact]
    public async Task AddAsync_MissingTrigger_Throws()
    {
        var store = await CreateStoreAsync();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AddAsync(PaperEntry("x", " ")));
        Assert.Empty(await store.ListAsync());
    }
}
