using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

internal static class TensorAssert
{
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.shape, b.shape);
        using var d = (a - b).abs().max();
        return d.to_type(ScalarType.Float64).item<double>();
    }

    public static void Close(Tensor expected, Tensor actual, double tolerance = 1e-4)
    {
        var diff = MaxAbsDiff(expected, actual);
        Assert.True(diff <= tolerance, $"max abs diff {diff:g3} > {tolerance:g3}");
    }

    public static void Finite(Tensor t)
    {
        using var ok = t.isfinite().all();
        Assert.True(ok.item<bool>(), "tensor has NaN or Inf");
    }

    /// <summary>Asserts outputs before <paramref name="t0"/> are unchanged when inputs from t0 on are perturbed.</summary>
    /// <param name="op">Computes the output [.., T, ..] from the inputs.</param>
    /// <param name="inputs">Inputs with time at <paramref name="timeDim"/>.</param>
    public static void Causal(Func<Tensor[], Tensor> op, Tensor[] inputs, int t0, int timeDim = 2, int outputTimeDim = 2)
    {
        using var scope = NewDisposeScope();
        var before = op(inputs);
        var perturbed = inputs.Select(x =>
        {
            var length = x.shape[timeDim];
            var noise = randn_like(x);
            var mask = arange(length).ge(t0).to_type(x.dtype);
            var shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
            shape[timeDim] = length;
            return x + (noise * mask.view(shape));
        }).ToArray();
        var after = op(perturbed);
        var prefixBefore = before.narrow(outputTimeDim, 0, t0);
        var prefixAfter = after.narrow(outputTimeDim, 0, t0);
        Assert.True(MaxAbsDiff(prefixBefore, prefixAfter) <= 1e-6, "output before t0 changed when later inputs changed");
        var suffixDiff = MaxAbsDiff(before.narrow(outputTimeDim, t0, 1), after.narrow(outputTimeDim, t0, 1));
        Assert.True(suffixDiff > 1e-6, "output at t0 did not react to its own input; the check is vacuous");
    }
}
