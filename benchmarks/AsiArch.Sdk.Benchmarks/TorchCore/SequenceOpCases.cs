using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.TorchCore;

/// <summary>
/// The sequence ops the benchmarks time, on one set of inputs: q, k, v random, then a per-step tensor that becomes
/// β = sigmoid and one that becomes the log decay logsigmoid(x + 3); delta rules get unit keys.
/// </summary>
internal static class SequenceOpCases
{
    /// <summary>Every op, with the chunk size for the chunkwise ones.</summary>
    public static IReadOnlyList<(string Name, Func<Tensor[], Tensor> Op)> All(int chunk) =>
    [
        ("CausalSoftmaxAttention", x => SequenceOps.CausalSoftmaxAttention(x[0], x[1], x[2])),
        ("SlidingWindowAttention (w=128)", x => SequenceOps.SlidingWindowAttention(x[0], x[1], x[2], 128)),
        ("ChunkedLinearAttention", x => SequenceOps.ChunkedLinearAttention(x[0], x[1], x[2], null, chunk)),
        ("ChunkedLinearAttention + decay", x => SequenceOps.ChunkedLinearAttention(x[0], x[1], x[2], nn.functional.logsigmoid(x[4]), chunk)),
        ("ChunkedDeltaRule", x => SequenceOps.ChunkedDeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), chunk)),
        ("ChunkedGatedDeltaRule", x => SequenceOps.ChunkedGatedDeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), nn.functional.logsigmoid(x[4]), chunk)),
    ];

    /// <summary>The inputs every op reads (all require gradients); the caller disposes them.</summary>
    public static Tensor[] Inputs(int batch, int heads, int length, int headDim) =>
    [
        randn(batch, heads, length, headDim).requires_grad_(),
        randn(batch, heads, length, headDim).requires_grad_(),
        randn(batch, heads, length, headDim).requires_grad_(),
        randn(batch, heads, length).requires_grad_(),
        (randn(batch, heads, length) + 3).requires_grad_(),
    ];

    /// <summary>A forward+backward job of <paramref name="op"/> that clears the inputs' gradients after itself.</summary>
    public static Action ForwardBackward(Func<Tensor[], Tensor> op, Tensor[] inputs) => () =>
    {
        using var scope = NewDisposeScope();
        op(inputs).square().mean().backward();
        foreach (var input in inputs)
        {
            input.grad?.zero_();
        }
    };
}
