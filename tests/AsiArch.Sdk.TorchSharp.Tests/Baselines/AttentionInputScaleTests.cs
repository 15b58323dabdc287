using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Tests.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Baselines;

/// <summary>
/// Regression test for the attention baselines' input scale. The backbone hands the mixer a short-convolution + SiLU
/// output of about 0.3 RMS; projected as it came, that made the Transformer's initial attention logits ten times
/// smaller than in a standard pre-norm Transformer, the attention exactly uniform, and MQAR at the Explore budget
/// often unlearned. Linear attention's φ = elu + 1 is scale-sensitive in the same way.
/// </summary>
[Collection("torch")]
public sealed class AttentionInputScaleTests
{
    private static readonly MixerOptions Options = new() { ModelDim = 32, NumHeads = 4, ChunkSize = 8, NumLayers = 2, LayerIndex = 0 };

    [Theory]
    [InlineData("Transformer", 0.3)]
    [InlineData("Transformer", 4.0)]
    [InlineData("LinearAttention", 0.3)]
    public void Forward_InputScaled_GivesTheSameOutput(string name, double factor)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var mixer = BaselineCatalog.Get(name).Factory(Options);
        var x = randn(2, 24, Options.ModelDim);

        var expected = mixer.forward(x);
        var actual = mixer.forward(x * factor);

        // The output must not shrink or grow with the input, and the attention pattern must not flatten or sharpen.
        TensorAssert.Close(expected, actual, 1e-4);
    }
}
