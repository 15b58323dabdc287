using AsiArch.Sdk.Cognition;

namespace AsiArch.Sdk.Tests.Cognition;

public sealed class HashingTextEmbedderTests
{
    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public void Embed_AnyText_IsUnitLengthAndDeterministic()
    {
        var embedder = new HashingTextEmbedder(256);
        var a = embedder.Embed("recall accuracy drops as pairs grow");
        Assert.Equal(256, a.Length);
        Assert.Equal(1.0, Math.Sqrt(Dot(a, a)), 5);
        Assert.Equal(a, new HashingTextEmbedder(256).Embed("recall accuracy drops as pairs grow"));
    }

    [Fact]
    public void Embed_PunctuationOnly_IsZeroVector()
    {
        Assert.All(new HashingTextEmbedder(64).Embed("?!... --"), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Embed_SharedWords_MoreSimilarThanUnrelated()
    {
        var embedder = new HashingTextEmbedder();
        var query = embedder.Embed("recall accuracy drops as pairs grow");
        var related = embedder.Embed("associative recall accuracy drops when the number of pairs grows");
        var unrelated = embedder.Embed("throughput low on long sequences with softmax");
        Assert.True(Dot(query, related) > Dot(query, unrelated) + 0.2);
    }

    [Fact]
    public void Tokenize_PluralsAndCase_Normalised()
    {
        Assert.Equal(["drop", "pair", "grow"], HashingTextEmbedder.Tokenize("Drops PAIRS grows"));
    }
}
