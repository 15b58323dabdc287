using AsiArch.Sdk.Cognition;

namespace AsiArch.Sdk.Tests.Cognition;

public sealed class SeedCognitionTests : IDisposable
{
    private readonly CognitionTempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Entries_SeedBase_HasAtLeast40EntriesFrom30PapersWithEveryField()
    {
        var entries = SeedCognition.Entries();
        Assert.True(entries.Count >= 40, $"Only {entries.Count} seed entries.");
        Assert.True(entries.Select(e => e.Source!.Title).Distinct().Count() >= 30);
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
        Assert.All(entries, e =>
        {
            Assert.Equal(CognitionKind.Paper, e.Kind);
            Assert.False(string.IsNullOrWhiteSpace(e.TriggerPatterns));
            Assert.False(string.IsNullOrWhiteSpace(e.Background));
            Assert.False(string.IsNullOrWhiteSpace(e.AlgorithmicInnovation));
            Assert.False(string.IsNullOrWhiteSpace(e.DesignInsight));
            Assert.False(string.IsNullOrWhiteSpace(e.ImplementationGuidance));
            Assert.NotNull(e.Source);
            Assert.Matches(@"^\d{4}\.\d{5}$", e.Source.ArxivId!);
            Assert.InRange(e.Source.Year!.Value, 2019, 2025);
            // The arXiv id encodes the submission month; the year cannot precede it.
            Assert.True(e.Source.Year >= 2000 + int.Parse(e.Source.ArxivId![..2], System.Globalization.CultureInfo.InvariantCulture) - 1);
        });
    }

    [Fact]
    public async Task LoadAsync_Twice_SecondLoadChangesNothing()
    {
        using var store = await SqliteCognitionStore.OpenAsync(_folder.File("seed.db"));
        var first = await SeedCognition.LoadAsync(store);
        Assert.Equal(SeedCognition.Entries().Count, first);
        Assert.Equal(0, await SeedCognition.LoadAsync(store));
        Assert.Equal(first, (await store.ListAsync()).Count);
    }

    [Theory]
    [InlineData("recall accuracy drops as pairs grow", "zoology-2312.04927-1|deltanet-2406.06484-1|linear-attention-2006.16236-2")]
    [InlineData("training loss diverges to NaN with the delta rule", "deltanet-2406.06484-2")]
    [InlineData("selective copy accuracy is low, the model cannot ignore filler tokens", "mamba-2312.00752-1")]
    [InlineData("induction accuracy low: cannot continue a repeated pattern", "induction-2209.11895-1|h3-2212.14052-1")]
    [InlineData("softmax attention too slow, complexity exponent near 2", "linear-attention-2006.16236-1|longformer-2004.05150-1")]
    [InlineData("state cannot forget stale context; lm loss behind Mamba2", "gated-deltanet-2412.06464-1")]
    [InlineData("Taylor feature map is slow and the state dimension explodes", "based-2402.18668-2")]
    [InlineData("copy accuracy drops with string length beyond the state size", "copying-2402.01032-1")]
    [InlineData("linear RNN cannot learn parity; state tracking fails", "negeig-2411.12537-1|deltaproduct-2502.10297-1")]
    [InlineData("recurrent state too small, increasing heads does not help", "hgrn2-2404.07904-1")]
    public async Task SearchAsync_HandWrittenSymptom_ReturnsRelevantEntryInTopThree(string query, string expectedIds)
    {
        using var store = await SqliteCognitionStore.OpenAsync(_folder.File("q.db"));
        await SeedCognition.LoadAsync(store);
        var hits = await store.SearchAsync(query, 3);
        var expected = expectedIds.Split('|');
        Assert.True(hits.Any(h => expected.Contains(h.Entry.Id)),
            $"Query '{query}' returned {string.Join(", ", hits.Select(h => h.Entry.Id))}; expected one of {expectedIds}.");
    }
}
