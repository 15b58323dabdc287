using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

[Collection("torch")]
public sealed class DeltaStatePassTests
{
    private const int M = 3, C = 5, Dk = 4, Dv = 2;

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    public void Run_MatchesSequentialLoopWithGradients(int chunks, bool withDecay)
    {
        using var scope = NewDisposeScope();
        manual_seed(chunks + (withDecay ? 10 : 0));
        Tensor[] leaves0 =
        [
            randn(chunks, M, C, Dk, dtype: ScalarType.Float64) * 0.3,
            randn(chunks, M, C, Dv, dtype: ScalarType.Float64),
            randn(chunks, M, Dk, C, dtype: ScalarType.Float64) * 0.3,
            rand(chunks, M, 1, 1, dtype: ScalarType.Float64),
        ];
        var statesWeights = randn(chunks, M, Dk, Dv, dtype: ScalarType.Float64);
        var writtenWeights = randn(chunks, M, C, Dv, dtype: ScalarType.Float64);

        Tensor[] Run(bool custom)
        {
            var leaves = leaves0.Select(l => l.detach().requires_grad_()).ToArray();
            var (w, u, keysT, decay) = (leaves[0], leaves[1], leaves[2], withDecay ? leaves[3] : null);
            Tensor states, written;
            if (custom)
            {
                (states, written) = DeltaStatePass.Run(w, u, keysT, decay);
            }
            else
            {
                var stateList = new List<Tensor>();
                var writtenList = new List<Tensor>();
                var state = zeros(M, Dk, Dv, dtype: ScalarType.Float64);
                for (var n = 0; n < chunks; n++)
                {
                    stateList.Add(state);
                    writtenList.Add(u[n] - w[n].matmul(state));
                    state = (decay is null ? state : state * decay[n]) + keysT[n].matmul(writtenList[n]);
                }

                (states, written) = (stack(stateList, 0), stack(writtenList, 0));
            }

            ((states * statesWeights).sum() + (written * writtenWeights).sum()).backward();

            // A leaf the loop never reaches (keys and decay with one chunk, decay when unused) has no gradient.
            return [states.detach(), written.detach(), .. leaves.Select(l => l.grad ?? zeros_like(l))];
        }

        var expected = Run(custom: false);
        var actual = Run(custom: true);
        for (var i = 0; i < expected.Length; i++)
        {
            TensorAssert.Close(expected[i], actual[i], 1e-12);
        }
    }
}
