using AsiArch.Sdk.TorchSharp.Model;
using AsiArch.Sdk.TorchSharp.Tests.Training;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Model;

[Collection("torch")]
public sealed class BackboneLmTests
{
    private static readonly BackboneOptions Small = new() { VocabSize = 50, ModelDim = 32, NumHeads = 4, NumLayers = 2 };

    [Fact]
    public void Forward_TokenIds_ReturnsLogitsPerPosition()
    {
        using var model = new BackboneLm(Small, o => new TinyAttentionMixer(o));
        using var tokens = randint(0, 50, [3, 10], dtype: ScalarType.Int64);
        using var logits = model.forward(tokens);
        Assert.Equal([3L, 10, 50], logits.shape);
    }

    [Fact]
    public void Parameters_CountsWholeModelAndMixers()
    {
        using var model = new BackboneLm(Small, o => new TinyAttentionMixer(o));
        var mixer = 2 * (32 * 96 + 32 * 32);
        var mlpHidden = Small.EffectiveMlpHiddenDim;
        var block = 32 + 32 * 4 + 32 + 32 * 2 * mlpHidden + mlpHidden * 32;
        Assert.Equal(96, mlpHidden);
        Assert.Equal(mixer, model.MixerParameters);
        Assert.Equal(50 * 32 + mixer + 2 * block + 32 + 32 * 50, model.Parameters);
        Assert.Equal(6.0 * (model.Parameters - 50 * 32), model.TrainingFlopsPerToken);
    }

    [Fact]
    public void Forward_CausalMixer_EarlierLogitsIgnoreLaterTokens()
    {
        using var model = new BackboneLm(Small, o => new TinyAttentionMixer(o));
        using var a = randint(0, 50, [1, 12], dtype: ScalarType.Int64);
        using var b = a.clone();
        b[0, 8] = tensor(49L - a[0, 8].item<long>());
        using var la = model.forward(a);
        using var lb = model.forward(b);
        Assert.True(la[.., ..8].allclose(lb[.., ..8]), "positions before the change must not move");
        Assert.False(la[.., 8..].allclose(lb[.., 8..]), "positions from the change on must move");
    }

    [Fact]
    public void Forward_MixerReturnsWrongShape_ThrowsNamingTheMixer()
    {
        using var model = new BackboneLm(Small, o => new WrongShapeMixer(o));
        using var tokens = zeros([2, 5], dtype: ScalarType.Int64);
        var ex = Assert.Throws<MixerOutputShapeException>(() => model.forward(tokens));
        Assert.Contains("WrongShapeMixer (layer 0) returned shape [2, 5, 16] for an input of shape [2, 5, 32]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FactoryReturnsNull_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new BackboneLm(Small, _ => null!));
        Assert.Contains("returned null for layer 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsNamingThem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BackboneLm(Small with { NumHeads = 5 }, o => new TinyAttentionMixer(o)));
        Assert.Contains("divisible by NumHeads", ex.Message, StringComparison.Ordinal);
    }
}
