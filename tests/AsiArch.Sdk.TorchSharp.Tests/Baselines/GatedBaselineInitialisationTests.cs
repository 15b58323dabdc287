using AsiArch.Sdk.TorchSharp.Baselines;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Baselines;

/// <summary>
/// Regression tests for the gated baselines' initialisation. With the long-context presets (GLA forget-gate bias 0,
/// Mamba2 / Gated DeltaNet A in [1, 16] and Δ in [0.001, 0.1], Mamba2's Δ-scaled input) the state forgot a key within
/// a few tokens or was drowned by the skip path, and at the Explore budget these models never learned recall.
/// </summary>
[Collection("torch")]
public sealed class GatedBaselineInitialisationTests
{
    // Explore's sequence length: a key written at the start must still be in the state when its query comes.
    private const int Context = 64;
    private static readonly MixerOptions Options = new() { ModelDim = 64, NumHeads = 4, ChunkSize = 32, NumLayers = 2, LayerIndex = 0 };

    [Theory]
    [InlineData("GatedDeltaNet")]
    [InlineData("Mamba2")]
    public void Decay_AtInitialisation_EveryHeadKeepsItsStateAcrossTheContext(string name)
    {
        for (var seed = 0; seed < 8; seed++)
        {
            using var scope = NewDisposeScope();
            manual_seed(seed);
            using var mixer = BaselineCatalog.Get(name).Factory(Options);
            var parameters = mixer.named_parameters().ToDictionary(p => p.name, p => p.parameter);

            // The per-token log decay -exp(A_log)·softplus(dt + bias) at a zero data-dependent input.
            var logDecay = -parameters["_logA"].exp() * nn.functional.softplus(parameters["_dtBias"]);
            var kept = (logDecay * Context).exp().min().item<float>();

            Assert.True(kept >= 0.05, $"{name} seed {seed}: a head keeps only {kept:G3} of its state after {Context} tokens.");
        }
    }

    [Fact]
    public void Gla_ForgetGateAtInitialisation_KeepsMostOfTheStateAcrossTheContext()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var mixer = BaselineCatalog.Get("GLA").Factory(Options);
        var bias = mixer.named_parameters().Single(p => p.name == "_gateUp.bias").parameter;

        // log decay = logsigmoid(gate) / 16; at a zero input the gate is the bias.
        var kept = (nn.functional.logsigmoid(bias) / 16.0 * Context).exp().min().item<float>();

        Assert.True(kept >= 0.5, $"GLA keeps only {kept:G3} of its state after {Context} tokens at initialisation.");
    }

    [Fact]
    public void Mamba2_AtInitialisation_TheStateCarriesTheFarPastBesideTheSkip()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var mixer = BaselineCatalog.Get("Mamba2").Factory(Options);
        var x = randn(2, Context, Options.ModelDim).requires_grad_();

        var y = mixer.forward(x);
        (y.select(1, Context - 1) * randn(2, Options.ModelDim)).sum().backward();

        // Position 40 is outside the short convolution's reach of the last position: it only acts through the state.
        var farPast = x.grad!.select(1, 40).norm().item<float>();
        var current = x.grad!.select(1, Context - 1).norm().item<float>();
        Assert.True(farPast / current > 0.01, $"the state path carries only {farPast / current:G3} of the current input's influence.");
    }
}
