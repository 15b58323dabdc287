using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

[Collection("torch")]
public sealed class ModuleBlocksTests
{
    [Fact]
    public void ShortConvolution_Forward_IsCausalAndKeepsShape()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var conv = new ShortConvolution(6, kernelSize: 3);
        var x = randn(2, 11, 6);

        Assert.Equal([2L, 11, 6], conv.forward(x).shape);
        TensorAssert.Causal(i => conv.forward(i[0]), [x], t0: 5, timeDim: 1, outputTimeDim: 1);
    }

    [Theory]
    [InlineData(13, 5, true, false, false)]
    [InlineData(13, 5, false, false, false)]
    [InlineData(2, 5, true, false, false)]
    [InlineData(13, 19, false, true, false)] // float32 on the CPU: the fused loop, vector lanes and a scalar tail
    [InlineData(3, 16, true, true, false)]
    [InlineData(1, 8, false, false, false)] // sequences shorter than the kernel's window of registers
    [InlineData(2, 9, true, true, false)]
    [InlineData(13, 19, false, true, true)] // float64: the libtorch ops
    [InlineData(13, 5, true, false, true)]
    public void ShortConvolution_ValuesAndGradients_MatchCausalDepthwiseConv1dWithTheSameWeights(
        int length, int channels, bool contiguous, bool activation, bool float64)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var dtype = float64 ? ScalarType.Float64 : ScalarType.Float32;
        using var conv = new ShortConvolution(channels, kernelSize: 4, activation: activation);
        conv.to(dtype);
        // A strided input, as the delta-rule layers pass it (one slice of a wider projection).
        var wide = randn(3, length, contiguous ? channels : 3 * channels, dtype: dtype, requires_grad: true);
        var x = contiguous ? wide : wide.narrow(2, channels, channels);
        var weight = conv.parameters().Single();

        var y = conv.forward(x);
        var linear = nn.functional.conv1d(nn.functional.pad(x.transpose(1, 2), [3, 0]), weight, groups: channels).transpose(1, 2);
        var reference = activation ? nn.functional.silu(linear) : linear;

        TensorAssert.Close(reference, y, 1e-5);
        var upstream = randn(3, length, channels, dtype: dtype);
        var ours = autograd.grad([(y * upstream).sum()], [wide, weight]);
        var theirs = autograd.grad([(reference * upstream).sum()], [wide, weight]);
        TensorAssert.Close(theirs[0], ours[0], 1e-4);
        TensorAssert.Close(theirs[1], ours[1], 1e-4);
    }

    [Fact]
    public void ShortConvolution_WrongChannelCount_Throws()
    {
        using var conv = new ShortConvolution(5);
        using var x = zeros(2, 7, 6);

        var error = Assert.Throws<ArgumentException>(() => conv.forward(x));
        Assert.Contains("[B, T, 5]", error.Message);
    }

    [Fact]
    public void ShortConvolution_KernelSize_LimitsTheReceptiveField()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var conv = new ShortConvolution(4, kernelSize: 3, activation: false);
        var x = zeros(1, 10, 4);
        var impulse = x.clone();
        impulse[0, 2] = ones(4);

        var y = conv.forward(impulse);

        // An impulse at t=2 reaches t=2..4 only.
        var touched = y.abs().sum([0, 2]).gt(0).nonzero().flatten().data<long>().ToArray();
        Assert.Equal([2L, 3, 4], touched);
    }

    [Fact]
    public void RmsNorm_Forward_HasUnitRootMeanSquare()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var norm = new RmsNorm(16);

        var y = norm.forward(randn(3, 5, 16) * 7);

        TensorAssert.Close(ones(3, 5), y.square().mean([-1]).sqrt(), 1e-3);
        Assert.Single(norm.parameters());
    }

    [Fact]
    public void GatedRmsNorm_Forward_IsRmsNormTimesSiluOfTheBiasedGate()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var gated = new GatedRmsNorm(8);
        using var plain = new RmsNorm(8);
        var x = randn(2, 4, 8);
        var gate = randn(2, 4, 8);

        TensorAssert.Close(plain.forward(x) * nn.functional.silu(gate + GatedRmsNorm.DefaultGateBias), gated.forward(x, gate), 1e-5);
    }

    [Fact]
    public void GatedRmsNorm_ZeroInitialGateBias_IsRmsNormTimesSiluGate()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var gated = new GatedRmsNorm(8, initialGateBias: 0);
        using var plain = new RmsNorm(8);
        var x = randn(2, 4, 8);
        var gate = randn(2, 4, 8);

        TensorAssert.Close(plain.forward(x) * nn.functional.silu(gate), gated.forward(x, gate), 1e-5);
    }

    [Fact]
    public void GatedRmsNorm_ZeroGateAtInitialisation_PassesTheNormalisedValueThrough()
    {
        // Regression: with silu(gate) alone a zero gate closed the output (silu(0) = 0) and a small random gate
        // scrambled its sign, so the gated baselines never learned recall at small budgets.
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var gated = new GatedRmsNorm(8);
        using var plain = new RmsNorm(8);
        var x = randn(2, 4, 8);

        var y = gated.forward(x, zeros(2, 4, 8));

        TensorAssert.Close(plain.forward(x) * (1.0 / (1.0 + Math.Exp(-1.0))), y, 1e-5);
        Assert.True((y.sign() == x.sign()).all().item<bool>());
        Assert.Contains(gated.named_parameters(), p => p.name == "gateBias" && p.parameter.requires_grad);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void GatedRmsNorm_NonFiniteGateBias_Throws(double bias)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new GatedRmsNorm(8, initialGateBias: bias));
        Assert.Equal("initialGateBias", ex.ParamName);
    }

    [Fact]
    public void L2Normalize_RowsHaveUnitNorm()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);

        var y = Norms.L2Normalize(randn(4, 9) * 3);

        TensorAssert.Close(ones(4), y.norm(-1), 1e-5);
    }

    [Fact]
    public void Taylor2_DotProduct_IsSecondOrderExpansionOfExp()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var q = randn(5, 4, dtype: ScalarType.Float64) * 0.5;
        var k = randn(5, 4, dtype: ScalarType.Float64) * 0.5;
        var dot = (q * k).sum(-1);

        var kernel = (FeatureMaps.Apply(FeatureMap.Taylor2, q) * FeatureMaps.Apply(FeatureMap.Taylor2, k)).sum(-1);

        TensorAssert.Close(1 + dot + (dot * dot / 2), kernel, 1e-10);
        Assert.Equal(21, FeatureMaps.OutputDim(FeatureMap.Taylor2, 4));
        Assert.Equal([5L, 21], FeatureMaps.Apply(FeatureMap.Taylor2, q).shape);
    }

    [Theory]
    [InlineData(FeatureMap.EluPlusOne)]
    [InlineData(FeatureMap.Softmax)]
    [InlineData(FeatureMap.Relu)]
    public void PositiveMaps_AreNonNegative(FeatureMap map)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);

        var y = FeatureMaps.Apply(map, randn(6, 5) * 4);

        Assert.True(y.ge(0).all().item<bool>());
        Assert.Equal(5, FeatureMaps.OutputDim(map, 5));
    }

    [Fact]
    public void Identity_And_Silu_MatchDefinitions()
    {
        using var scope = NewDisposeScope();
        var x = linspace(-3, 3, 13);

        TensorAssert.Close(x, FeatureMaps.Apply(FeatureMap.Identity, x), 0);
        TensorAssert.Close(x * x.sigmoid(), FeatureMaps.Apply(FeatureMap.Silu, x), 1e-6);
        TensorAssert.Close(nn.functional.elu(x, 1.0) + 1, FeatureMaps.Apply(FeatureMap.EluPlusOne, x), 1e-6);
    }

    [Fact]
    public void Heads_SplitThenMerge_RoundTrips()
    {
        using var scope = NewDisposeScope();
        var x = arange(2 * 3 * 12).view(2, 3, 12).to_type(ScalarType.Float32);

        var split = Heads.Split(x, 4);

        Assert.Equal([2L, 4, 3, 3], split.shape);
        Assert.Equal(x[0, 1, 3].item<float>(), split[0, 1, 1, 0].item<float>());
        TensorAssert.Close(x, Heads.Merge(split), 0);
        Assert.Equal([2L, 4, 3], Heads.SplitScalar(randn(2, 3, 4)).shape);
    }

    [Fact]
    public void Heads_Split_IndivisibleWidth_Throws()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<ArgumentException>(() => Heads.Split(zeros(2, 3, 10), 4));
        Assert.Contains("[2, 3, 10]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetNetLogDecay_FollowsThePaperSchedule()
    {
        using var scope = NewDisposeScope();

        var decay = Decays.RetNetLogDecay(4).exp().data<float>().ToArray();

        Assert.Equal(1 - (1 / 32.0), decay[0], 5);
        Assert.Equal(1 - (1 / 256.0), decay[3], 5);
        Assert.Equal([2L, 4, 7], Decays.Expand(Decays.RetNetLogDecay(4), 2, 7).shape);
    }
}
