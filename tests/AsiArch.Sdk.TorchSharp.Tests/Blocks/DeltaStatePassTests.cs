using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

[Collection("torch")]
public sealed class DeltaStatePassTests
{
    private const int Chunks = 5, Batch = 3, Size = 4, Dk = 3, Dv = 2;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void BothForms_ValuesAndGradients_MatchAutogradOfThePlainLoop(bool gated, bool affine)
    {
        using var scope = NewDisposeScope();
        manual_seed(gated ? 21 : 20);
        var solved0 = randn(Chunks, Batch, Size, Dk + Dv, dtype: ScalarType.Float64) * 0.5;
        var keys0 = randn(Chunks, Batch, Size, Dk, dtype: ScalarType.Float64) * 0.5;
        var decay0 = rand(Chunks, Batch, 1, 1, dtype: ScalarType.Float64);
        var startWeights = randn(Chunks, Batch, Dk, Dv, dtype: ScalarType.Float64);
        var writtenWeights = randn(Chunks, Batch, Size, Dv, dtype: ScalarType.Float64);

        Tensor[] Run(bool custom)
        {
            var solved = solved0.detach().requires_grad_();
            var keys = keys0.detach().requires_grad_();
            var decay = decay0.detach().requires_grad_();
            var (starts, written) = custom
                ? affine
                    ? DeltaStatePass.RunAffine(solved, Dk, keys, gated ? decay : null)
                    : DeltaStatePass.RunDirect(solved, Dk, keys, gated ? decay : null)
                : PlainLoop(solved, keys, gated ? decay : null);
            ((starts * startWeights).sum() + (written * writtenWeights).sum()).backward();
            Tensor[] results = [starts.detach(), written.detach(), solved.grad!, keys.grad!];
            return gated ? [.. results, decay.grad!] : results;
        }

        var expected = Run(custom: false);
        var actual = Run(custom: true);

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            TensorAssert.Close(expected[i], actual[i], 1e-10);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BothForms_WithoutGradients_GiveTheSameValues(bool affine)
    {
        using var scope = NewDisposeScope();
        manual_seed(22);
        var solved = randn(Chunks, Batch, Size, Dk + Dv, dtype: ScalarType.Float64);
        var keys = randn(Chunks, Batch, Size, Dk, dtype: ScalarType.Float64);

        using var noGrad = no_grad();
        var (starts, written) = affine ? DeltaStatePass.RunAffine(solved, Dk, keys, null) : DeltaStatePass.RunDirect(solved, Dk, keys, null);
        var (expectedStarts, expectedWritten) = PlainLoop(solved, keys, null);

        TensorAssert.Close(expectedStarts, starts, 1e-12);
        TensorAssert.Close(expectedWritten, written, 1e-12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AffineScan_Float32Kernel_MatchesTheFloat64Loop(bool reverse)
    {
        using var scope = NewDisposeScope();
        manual_seed(23);

        // A value width of 11 runs both the kernel's vector loop and its scalar tail.
        var transitions = randn(6, 3, 5, 5, dtype: ScalarType.Float64) * 0.4;
        var inputs = randn(6, 3, 5, 11, dtype: ScalarType.Float64);
        Func<Tensor, Tensor, Tensor> scan = reverse ? AffineScan.Reverse : AffineScan.Forward;

        var expected = scan(transitions, inputs);
        var actual = scan(transitions.to_type(ScalarType.Float32), inputs.to_type(ScalarType.Float32));

        Assert.Equal(ScalarType.Float32, actual.dtype);
        TensorAssert.Close(expected, actual.to_type(ScalarType.Float64), 1e-5);
        var untouched = reverse ? expected[5] : expected[0];
        Assert.Equal(0.0, untouched.abs().max().item<double>());
        var recurrence = reverse
            ? inputs[3] + transitions[3].transpose(-1, -2).matmul(expected[3])
            : inputs[3] + transitions[3].matmul(expected[3]);
        TensorAssert.Close(recurrence, expected[reverse ? 2 : 4], 1e-12);
    }

    [Fact]
    public void SingleThreadedRegion_Nested_RestoresTheThreadCountWhenTheLastOneLeaves()
    {
        var before = get_num_threads();
        set_num_threads(2);
        try
        {
            var outer = SingleThreadedRegion.Enter();
            var inner = SingleThreadedRegion.Enter();
            Assert.Equal(1, get_num_threads());
            inner.Dispose();
            Assert.Equal(1, get_num_threads());
            outer.Dispose();
            outer.Dispose();
            Assert.Equal(2, get_num_threads());
        }
        finally
        {
            set_num_threads(before);
        }
    }

    [Fact]
    public void SingleThreadedRegion_EnterIfSmall_OnlySmallOpsGoToOneThread()
    {
        var before = get_num_threads();
        set_num_threads(2);
        try
        {
            using (SingleThreadedRegion.EnterIfSmall(SingleThreadedRegion.SmallOpMultiplyAdds + 1))
            {
                Assert.Equal(2, get_num_threads());
            }

            using (SingleThreadedRegion.EnterIfSmall(SingleThreadedRegion.SmallOpMultiplyAdds))
            {
                Assert.Equal(1, get_num_threads());
            }

            Assert.Equal(2, get_num_threads());
        }
        finally
        {
            set_num_threads(before);
        }
    }

    /// <summary>The same recurrence with ordinary autograd ops, chunk by chunk.</summary>
    private static (Tensor Starts, Tensor Written) PlainLoop(Tensor solved, Tensor keys, Tensor? decay)
    {
        var state = zeros(Batch, Dk, Dv, dtype: solved.dtype);
        var starts = new List<Tensor>();
        var written = new List<Tensor>();
        for (var n = 0; n < Chunks; n++)
        {
            var chunk = solved[n];
            var (w, u) = (chunk.narrow(-1, 0, Dk), chunk.narrow(-1, Dk, Dv));
            starts.Add(state);
            var e = u - w.matmul(state);
            written.Add(e);
            state = (decay is null ? state : state * decay[n]) + keys[n].transpose(-1, -2).matmul(e);
        }

        return (stack(starts), stack(written));
    }
}
