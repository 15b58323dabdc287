using AsiArch.Sdk.TorchSharp.Blocks.Kernels;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// The gated delta rule's decayed operands, chunk-major <c>[N, B·H, C, D]</c>: queries decayed from the chunk start
/// (Q̃), write keys K̃_w = β·K decayed from the chunk start, state keys decayed to the chunk end (K̃), the keys on the
/// right of the factored intra-chunk products (K', <see cref="ChunkDecay.RescaledKeys"/>) and the decay across each
/// chunk <c>[N, B·H, 1, 1]</c>.
/// </summary>
internal sealed record DecayedKeys(Tensor Queries, Tensor WriteKeys, Tensor StateKeys, Tensor RightKeys, Tensor ChunkDecay)
{
    /// <summary>
    /// One autograd node computed by <see cref="DecayedKeysKernel"/> where it applies: float32 on an x64 CPU, every
    /// chunk within <see cref="Blocks.ChunkDecay.MaxFactoredDecay"/>. Null elsewhere; the caller then builds the same
    /// tensors from libtorch ops.
    /// </summary>
    /// <param name="queries">Chunk-major queries <c>[N, B·H, C, Dk]</c>.</param>
    /// <param name="keys">Chunk-major keys, same shape.</param>
    /// <param name="beta">Chunk-major write strengths <c>[N, B·H, C, 1]</c>.</param>
    /// <param name="logDecay">Chunk-major log decays <c>[N, B·H, C]</c>.</param>
    public static unsafe DecayedKeys? TryFused(Tensor queries, Tensor keys, Tensor beta, Tensor logDecay)
    {
        if (!CpuFloat32.Applies(queries, keys, beta, logDecay))
        {
            return null;
        }

        using (var decays = logDecay.contiguous())
        {
            var size = decays.shape[^1];
            var largest = DecayedKeysKernel.LargestChunkDecay(CpuFloat32.Pointer(decays), decays.numel() / size, size);
            if (!Blocks.ChunkDecay.AllowsFactoring(largest, ScalarType.Float32))
            {
                return null;
            }
        }

        var outputs = Node.apply(queries, keys, beta, logDecay);
        return new DecayedKeys(outputs[0], outputs[1], outputs[2], outputs[3], outputs[4]);
    }

    private sealed class Node : MultiTensorFunction<Node>
    {
        public override string Name => nameof(DecayedKeys);

        public override unsafe List<Tensor> forward(AutogradContext ctx, params object[] vars)
        {
            var (q, k) = (((Tensor)vars[0]).contiguous(), ((Tensor)vars[1]).contiguous());
            var (beta, logDecay) = (((Tensor)vars[2]).contiguous(), ((Tensor)vars[3]).contiguous());
            var (size, width) = (q.shape[^2], q.shape[^1]);
            var count = q.numel() / (size * width);
            var (queries, writeKeys, stateKeys, rightKeys) = (empty_like(q), empty_like(k), empty_like(k), empty_like(k));
            var whole = empty(q.shape[0], q.shape[1], 1, 1);
            DecayedKeysKernel.Forward(
                CpuFloat32.Pointer(q), CpuFloat32.Pointer(k), CpuFloat32.Pointer(beta), CpuFloat32.Pointer(logDecay), count, size, width,
                CpuFloat32.Pointer(queries), CpuFloat32.Pointer(writeKeys), CpuFloat32.Pointer(stateKeys), CpuFloat32.Pointer(rightKeys),
                CpuFloat32.Pointer(whole));

            // Saved tensors stay in the caller's dispose scope, as the outputs do.
            ctx.save_for_backward([q, k, beta, logDecay]);
            return [queries, writeKeys, stateKeys, rightKeys, whole];
        }

        public override unsafe List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
        {
            var saved = ctx.get_saved_variables();
            var (q, k, beta, logDecay) = (saved[0], saved[1], saved[2], saved[3]);
            var (size, width) = (q.shape[^2], q.shape[^1]);
            var count = q.numel() / (size * width);
            using var scope = NewDisposeScope();
            Tensor Grad(int i, Tensor like) => grad_outputs[i] is null ? zeros_like(like) : grad_outputs[i].contiguous();
            var whole = zeros(q.shape[0], q.shape[1], 1, 1);
            var (gq, gw, gs, gr, gd) = (Grad(0, q), Grad(1, k), Grad(2, k), Grad(3, k), Grad(4, whole));
            var (dq, dk, dbeta, dlog) = (empty_like(q), empty_like(k), empty_like(beta), empty_like(logDecay));
            DecayedKeysKernel.Backward(
                CpuFloat32.Pointer(gq), CpuFloat32.Pointer(gw), CpuFloat32.Pointer(gs), CpuFloat32.Pointer(gr), CpuFloat32.Pointer(gd),
                CpuFloat32.Pointer(q), CpuFloat32.Pointer(k), CpuFloat32.Pointer(beta), CpuFloat32.Pointer(logDecay), count, size, width,
                CpuFloat32.Pointer(dq), CpuFloat32.Pointer(dk), CpuFloat32.Pointer(dbeta), CpuFloat32.Pointer(dlog));
            return [dq.MoveToOuterDisposeScope(), dk.MoveToOuterDisposeScope(), dbeta.MoveToOuterDisposeScope(), dlog.MoveToOuterDisposeScope()];
        }
    }
}
