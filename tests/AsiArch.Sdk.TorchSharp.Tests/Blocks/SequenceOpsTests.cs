using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

[Collection("torch")]
public sealed class SequenceOpsTests
{
    private const int B = 2, H = 3, Dk = 8, Dv = 6;

    [Theory]
    [InlineData(37, 8)]
    [InlineData(32, 8)]
    [InlineData(5, 64)]
    public void ChunkedLinearAttention_NoDecay_MatchesRecurrence(int length, int chunk)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(length, seed: 1);

        TensorAssert.Close(RecurrentReference.LinearAttention(q, k, v), SequenceOps.ChunkedLinearAttention(q, k, v, null, chunk));
    }

    [Theory]
    [InlineData(37, 8)]
    [InlineData(64, 16)]
    public void ChunkedLinearAttention_DataDependentDecay_MatchesRecurrence(int length, int chunk)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(length, seed: 2);
        var g = LogDecay(length, strength: 3.0);

        TensorAssert.Close(RecurrentReference.LinearAttention(q, k, v, g), SequenceOps.ChunkedLinearAttention(q, k, v, g, chunk));
    }

    [Fact]
    public void ChunkedLinearAttention_VeryStrongDecay_StaysFinite()
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(40, seed: 3);
        var g = full(B, H, 40, -200.0, dtype: ScalarType.Float64);

        var output = SequenceOps.ChunkedLinearAttention(q, k, v, g, 16);

        TensorAssert.Finite(output);
        TensorAssert.Close(RecurrentReference.LinearAttention(q, k, v, g), output);
    }

    [Theory]
    [InlineData(37, 8)]
    [InlineData(24, 8)]
    [InlineData(7, 64)]
    public void ChunkedDeltaRule_MatchesRecurrence(int length, int chunk)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(length, seed: 4);
        k = Norms.L2Normalize(k);
        var beta = Beta(length);

        TensorAssert.Close(RecurrentReference.DeltaRule(q, k, v, beta), SequenceOps.ChunkedDeltaRule(q, k, v, beta, chunk));
    }

    [Theory]
    [InlineData(37, 8)]
    [InlineData(48, 16)]
    public void ChunkedGatedDeltaRule_MatchesRecurrence(int length, int chunk)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(length, seed: 5);
        k = Norms.L2Normalize(k);
        var beta = Beta(length);
        var g = LogDecay(length, strength: 1.0);

        TensorAssert.Close(
            RecurrentReference.GatedDeltaRule(q, k, v, beta, g),
            SequenceOps.ChunkedGatedDeltaRule(q, k, v, beta, g, chunk));
    }

    [Fact]
    public void ChunkedGatedDeltaRule_VeryStrongDecay_StaysFiniteAndMatches()
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(40, seed: 13);
        k = Norms.L2Normalize(k);
        var beta = Beta(40);
        var g = full(B, H, 40, -200.0, dtype: ScalarType.Float64);

        var output = SequenceOps.ChunkedGatedDeltaRule(q, k, v, beta, g, 16);

        TensorAssert.Finite(output);
        TensorAssert.Close(RecurrentReference.GatedDeltaRule(q, k, v, beta, g), output);
    }

    [Fact]
    public void ChunkedOps_Float32_MatchRecurrenceWithinTolerance()
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(45, seed: 6, ScalarType.Float32);
        k = Norms.L2Normalize(k);
        q = Norms.L2Normalize(q);
        var beta = Beta(45).to_type(ScalarType.Float32);
        var g = LogDecay(45, 1.0).to_type(ScalarType.Float32);

        TensorAssert.Close(RecurrentReference.GatedDeltaRule(q, k, v, beta, g), SequenceOps.ChunkedGatedDeltaRule(q, k, v, beta, g, 16));
        TensorAssert.Close(RecurrentReference.DeltaRule(q, k, v, beta), SequenceOps.ChunkedDeltaRule(q, k, v, beta, 16));
        TensorAssert.Close(RecurrentReference.LinearAttention(q, k, v, g), SequenceOps.ChunkedLinearAttention(q, k, v, g, 16));
    }

    [Fact]
    public void ChunkedGatedDeltaRule_Gradients_MatchRecurrence()
    {
        using var scope = NewDisposeScope();
        var (q0, k0, v0) = Qkv(21, seed: 7);
        var beta0 = Beta(21);
        var g0 = LogDecay(21, 1.0);

        Tensor[] Grads(bool chunked)
        {
            var q = q0.detach().requires_grad_();
            var k = k0.detach().requires_grad_();
            var v = v0.detach().requires_grad_();
            var beta = beta0.detach().requires_grad_();
            var g = g0.detach().requires_grad_();
            var kn = Norms.L2Normalize(k);
            var o = chunked
                ? SequenceOps.ChunkedGatedDeltaRule(q, kn, v, beta, g, 8)
                : RecurrentReference.GatedDeltaRule(q, kn, v, beta, g);
            (o * o).sum().backward();
            return [q.grad!, k.grad!, v.grad!, beta.grad!, g.grad!];
        }

        var expected = Grads(false);
        var actual = Grads(true);
        for (var i = 0; i < expected.Length; i++)
        {
            TensorAssert.Close(expected[i], actual[i]);
        }
    }

    [Theory]
    [InlineData(ScalarType.Float32, 1.5, true)]
    [InlineData(ScalarType.Float32, 5.0, false)]
    [InlineData(ScalarType.Float64, 12.0, true)]
    [InlineData(ScalarType.Float64, 30.0, false)]
    public void DecayedOps_FactoredAndPairwiseForms_ValuesAndGradientsMatchRecurrence(ScalarType dtype, double perStep, bool factored)
    {
        using var scope = NewDisposeScope();
        const int length = 37, chunk = 16;
        var (q0, k0, v0) = Qkv(length, seed: 14);
        var beta0 = Beta(length);
        var g0 = -perStep * (rand(B, H, length, dtype: ScalarType.Float64) * 0.5 + 0.75);

        // The case must take the form it is named for: a chunk's decay up to the dtype's limit is factored.
        var chunkDecays = nn.functional.pad(g0, [0, 48 - length]).view(B, H, 3, chunk).cumsum(-1).to_type(dtype);
        Assert.Equal(factored, new ChunkDecay(chunkDecays).Factorable);

        Tensor[] Run(bool chunked, bool delta)
        {
            var type = chunked ? dtype : ScalarType.Float64;
            Tensor[] leaves = [.. new[] { q0, k0, v0, beta0, g0 }.Select(t => t.to_type(type).detach().requires_grad_())];
            var (q, k, v, beta, g) = (leaves[0], Norms.L2Normalize(leaves[1]), leaves[2], leaves[3], leaves[4]);
            var o = (chunked, delta) switch
            {
                (true, true) => SequenceOps.ChunkedGatedDeltaRule(q, k, v, beta, g, chunk),
                (false, true) => RecurrentReference.GatedDeltaRule(q, k, v, beta, g),
                (true, false) => SequenceOps.ChunkedLinearAttention(q, k, v, g, chunk),
                _ => RecurrentReference.LinearAttention(q, k, v, g),
            };
            (o * o).sum().backward();
            return [o.detach(), .. leaves.Where(t => t.grad is not null).Select(t => t.grad!)];
        }

        foreach (var delta in new[] { true, false })
        {
            var expected = Run(chunked: false, delta);
            var actual = Run(chunked: true, delta);
            Assert.Equal(delta ? 6 : 5, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                TensorAssert.Finite(actual[i]);
                TensorAssert.Close(expected[i], actual[i].to_type(ScalarType.Float64), dtype == ScalarType.Float32 ? 5e-5 : 1e-8);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DeltaRules_Float32_MatchTheFloat64Ops_AtHeadLayoutAndOddWidths(bool gated)
    {
        using var scope = NewDisposeScope();
        manual_seed(15);

        // [B, T, H, D] memory seen as [B, H, T, D], as Heads.Split gives; widths 11 and 9 run the vector loops and
        // their scalar tails; 45 steps leave a partial last chunk.
        const int length = 45, chunk = 16, keyDim = 11, valueDim = 9;
        var q0 = randn(B, length, H, keyDim, dtype: ScalarType.Float64);
        var k0 = randn(B, length, H, keyDim, dtype: ScalarType.Float64);
        var v0 = randn(B, length, H, valueDim, dtype: ScalarType.Float64);
        var beta0 = rand(B, length, H, dtype: ScalarType.Float64) * 0.9 + 0.05;
        var g0 = -(rand(B, length, H, dtype: ScalarType.Float64) * 0.5 + 0.1);

        Tensor[] Run(ScalarType dtype)
        {
            Tensor[] leaves = [.. new[] { q0, k0, v0, beta0, g0 }.Select(t => t.to_type(dtype).detach().requires_grad_())];
            var (q, k, v) = (leaves[0].transpose(1, 2), Norms.L2Normalize(leaves[1].transpose(1, 2)), leaves[2].transpose(1, 2));
            var (beta, g) = (leaves[3].transpose(1, 2), leaves[4].transpose(1, 2));
            var o = gated ? SequenceOps.ChunkedGatedDeltaRule(q, k, v, beta, g, chunk) : SequenceOps.ChunkedDeltaRule(q, k, v, beta, chunk);
            (o * o).sum().backward();
            return [o.detach(), .. leaves.Where(t => t.grad is not null).Select(t => t.grad!)];
        }

        var expected = Run(ScalarType.Float64);
        var actual = Run(ScalarType.Float32);

        Assert.Equal(gated ? 6 : 5, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            // Float32 rounding, relative to the largest entry (gradients of a sum of squares reach the hundreds).
            TensorAssert.Close(expected[i], actual[i].to_type(ScalarType.Float64), 3e-6 * expected[i].abs().max().item<double>());
        }
    }

    [Fact]
    public void ChunkedDeltaRule_Gradients_MatchRecurrence()
    {
        using var scope = NewDisposeScope();
        var (q0, k0, v0) = Qkv(19, seed: 12);
        var beta0 = Beta(19);

        Tensor[] Grads(bool chunked)
        {
            var q = q0.detach().requires_grad_();
            var k = k0.detach().requires_grad_();
            var v = v0.detach().requires_grad_();
            var beta = beta0.detach().requires_grad_();
            var kn = Norms.L2Normalize(k);
            var o = chunked ? SequenceOps.ChunkedDeltaRule(q, kn, v, beta, 8) : RecurrentReference.DeltaRule(q, kn, v, beta);
            (o * o).sum().backward();
            return [q.grad!, k.grad!, v.grad!, beta.grad!];
        }

        var expected = Grads(false);
        var actual = Grads(true);
        for (var i = 0; i < expected.Length; i++)
        {
            TensorAssert.Close(expected[i], actual[i]);
        }
    }

    [Fact]
    public void CausalSoftmaxAttention_MatchesMaskedReference()
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(19, seed: 8);

        TensorAssert.Close(NaiveAttention(q, k, v, window: 19, scale: 0.7), SequenceOps.CausalSoftmaxAttention(q, k, v, 0.7));
        TensorAssert.Close(NaiveAttention(q, k, v, window: 19, scale: 1 / Math.Sqrt(Dk)), SequenceOps.CausalSoftmaxAttention(q, k, v));
    }

    [Theory]
    [InlineData(23, 5)]
    [InlineData(24, 8)]
    [InlineData(10, 1)]
    [InlineData(9, 30)]
    public void SlidingWindowAttention_MatchesMaskedReference(int length, int window)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(length, seed: 9);

        TensorAssert.Close(NaiveAttention(q, k, v, window, 1 / Math.Sqrt(Dk)), SequenceOps.SlidingWindowAttention(q, k, v, window));
    }

    [Fact]
    public void AllOps_AreCausal()
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(29, seed: 10);
        var beta = Beta(29);
        var g = LogDecay(29, 1.0);
        const int t0 = 13;

        TensorAssert.Causal(x => SequenceOps.CausalSoftmaxAttention(x[0], x[1], x[2]), [q, k, v], t0);
        TensorAssert.Causal(x => SequenceOps.SlidingWindowAttention(x[0], x[1], x[2], 4), [q, k, v], t0);
        TensorAssert.Causal(x => SequenceOps.ChunkedLinearAttention(x[0], x[1], x[2], null, 8), [q, k, v], t0);
        TensorAssert.Causal(x => SequenceOps.ChunkedLinearAttention(x[0], x[1], x[2], -x[3].abs(), 8), [q, k, v, g], t0);
        TensorAssert.Causal(x => SequenceOps.ChunkedDeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), 8), [q, k, v, beta], t0);
        TensorAssert.Causal(
            x => SequenceOps.ChunkedGatedDeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), -x[4].abs(), 8),
            [q, k, v, beta, g],
            t0);
    }

    [Fact]
    public void ChunkedDeltaRule_MismatchedShapes_ThrowsWithShapes()
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Qkv(8, seed: 11);

        var ex = Assert.Throws<ArgumentException>(() => SequenceOps.ChunkedDeltaRule(q, k, v, ones(B, H, 9, dtype: ScalarType.Float64)));
        Assert.Contains("[2, 3, 9]", ex.Message, StringComparison.Ordinal);

        var ex2 = Assert.Throws<ArgumentException>(() => SequenceOps.ChunkedLinearAttention(q, k.narrow(3, 0, 4), v));
        Assert.Contains("Heads.Split", ex2.Message, StringComparison.Ordinal);
    }

    private static (Tensor Q, Tensor K, Tensor V) Qkv(int length, int seed, ScalarType dtype = ScalarType.Float64)
    {
        manual_seed(seed);
        return (randn(B, H, length, Dk, dtype: dtype), randn(B, H, length, Dk, dtype: dtype), randn(B, H, length, Dv, dtype: dtype));
    }

    private static Tensor Beta(int length) => rand(B, H, length, dtype: ScalarType.Float64) * 0.9 + 0.05;

    private static Tensor LogDecay(int length, double strength) =>
        nn.functional.logsigmoid(randn(B, H, length, dtype: ScalarType.Float64) * strength + 2.0);

    private static Tensor NaiveAttention(Tensor q, Tensor k, Tensor v, int window, double scale)
    {
        var length = q.shape[2];
        var t = arange(length).view(-1, 1);
        var s = arange(length).view(1, -1);
        var visible = s.le(t).logical_and(t.sub(s).lt(window));
        var logits = q.matmul(k.transpose(-1, -2)) * scale;
        return logits.masked_fill(visible.logical_not(), double.NegativeInfinity).softmax(-1).matmul(v);
    }
}
