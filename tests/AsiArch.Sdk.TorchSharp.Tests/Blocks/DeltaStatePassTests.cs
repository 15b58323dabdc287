using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

[Collection("torch")]
public sealed class DeltaStatePassTests
{
    private const int B = 2, H = 3, N = 4, C = 5, Dk = 6, Dv = 7;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Apply_OutputsAndGradients_MatchAnAutogradLoop(bool decayed)
    {
        using var scope = NewDisposeScope();
        manual_seed(decayed ? 21 : 22);
        var inputs = new[]
        {
            randn([B, H, N, C, Dk + Dv], dtype: ScalarType.Float64) * 0.3,
            randn([B, H, N, C, Dk], dtype: ScalarType.Float64) * 0.3,
            randn([B, H, N, C, Dk], dtype: ScalarType.Float64),
            randn([B, H, N, C, C], dtype: ScalarType.Float64).tril(),
            rand([B, H, N], dtype: ScalarType.Float64) * 0.5 + 0.4,
        };
        var weights = randn([B, H, N, C, Dv], dtype: ScalarType.Float64);

        (Tensor Output, Tensor[] Grads) Run(bool custom)
        {
            var x = inputs.Select(t => t.detach().requires_grad_()).ToArray();
            var decay = decayed ? x[4] : null;
            var output = custom ? DeltaStatePass.Apply(x[0], Dk, x[1], x[2], x[3], decay) : Loop(x[0], x[1], x[2], x[3], decay);
            (output * weights).sum().backward();
            var used = decayed ? x : x.Take(4).ToArray();
            return (output.detach(), used.Select(t => t.grad!).ToArray());
        }

        var (expected, expectedGrads) = Run(custom: false);
        var (actual, actualGrads) = Run(custom: true);

        TensorAssert.Close(expected, actual, 1e-10);
        Assert.Equal(expectedGrads.Length, actualGrads.Length);
        for (var i = 0; i < expectedGrads.Length; i++)
        {
            TensorAssert.Close(expectedGrads[i], actualGrads[i], 1e-10);
        }
    }

    // The definition, step by step under autograd: E_n = U_n - W_n S_n, S_{n+1} = d_n S_n + K̃_nᵀ E_n,
    // O_n = Q̃_n S_n + P_n E_n, S_0 = 0.
    private static Tensor Loop(Tensor solved, Tensor stateKeys, Tensor queries, Tensor scores, Tensor? decay)
    {
        var state = zeros([B, H, Dk, Dv], dtype: solved.dtype);
        var outputs = new Tensor[N];
        for (var n = 0; n < N; n++)
        {
            var w = solved.select(2, n).narrow(-1, 0, Dk);
            var u = solved.select(2, n).narrow(-1, Dk, Dv);
            var written = u - w.matmul(state);
            outputs[n] = queries.select(2, n).matmul(state) + scores.select(2, n).matmul(written);
            var kept = decay is null ? state : state * decay.select(2, n).unsqueeze(-1).unsqueeze(-1);
            state = kept + stateKeys.select(2, n).transpose(-1, -2).matmul(written);
        }

        return stack(outputs, 2);
    }
}
