using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// The sequential part of the chunked (gated) delta rule: chunk n turns the state S_n it receives into pseudo-values
/// E_n = U_n - W_n S_n and passes on S_{n+1} = d_n·S_n + K̃_nᵀ E_n (S_0 = 0). Tensors are chunk-major,
/// <c>[N, B·H, ...]</c>, so each chunk is a plain batch of matrices. Two forms, each one autograd node with its backward
/// written out; the size of one chunk's product picks the faster one.
/// </summary>
/// <remarks>
/// With small products the loop is almost pure per-op overhead (each op is a P/Invoke and a dispatch), so the affine
/// form, one op a chunk each way, wins even at twice the multiply-adds: the DeltaNet op at head dim 16 and 32 runs
/// 5-20% faster. With large ones the multiply-adds decide: at head dim 64 and chunk 64 the affine form was 10% slower
/// (docs/benchmarks.md, Mixers and blocks, session 9).
/// </remarks>
internal static class DeltaStatePass
{
    /// <summary>Above this many multiply-adds in one chunk's product the direct form is used.</summary>
    internal const long AffineLimit = 1L << 20;

    /// <summary>Runs the state pass in the faster form for these sizes.</summary>
    /// <param name="solved">[W U], the UT-transformed keys and values <c>[N, B·H, C, Dk + Dv]</c>.</param>
    /// <param name="keyDim">Dk, where W ends and U starts in <paramref name="solved"/>.</param>
    /// <param name="stateKeys">K̃, the keys that write the state (decayed to the chunk end) <c>[N, B·H, C, Dk]</c>.</param>
    /// <param name="chunkDecay">d_n, the decay across each chunk <c>[N, B·H, 1, 1]</c>, or null for none.</param>
    /// <returns>The state entering each chunk <c>[N, B·H, Dk, Dv]</c> and the pseudo-values <c>[N, B·H, C, Dv]</c>.</returns>
    public static (Tensor Starts, Tensor Written) Run(Tensor solved, long keyDim, Tensor stateKeys, Tensor? chunkDecay) =>
        MultiplyAddsPerChunk(solved, keyDim) <= AffineLimit
            ? RunAffine(solved, keyDim, stateKeys, chunkDecay)
            : RunDirect(solved, keyDim, stateKeys, chunkDecay);

    /// <summary>The pass in affine form (<see cref="AffineStatePass"/>), whatever the sizes.</summary>
    internal static (Tensor Starts, Tensor Written) RunAffine(Tensor solved, long keyDim, Tensor stateKeys, Tensor? chunkDecay) =>
        Outputs(AffineStatePass.apply(Arguments(solved, keyDim, stateKeys, chunkDecay)));

    /// <summary>The pass in direct form (<see cref="PseudoValueStatePass"/>), whatever the sizes.</summary>
    internal static (Tensor Starts, Tensor Written) RunDirect(Tensor solved, long keyDim, Tensor stateKeys, Tensor? chunkDecay) =>
        Outputs(PseudoValueStatePass.apply(Arguments(solved, keyDim, stateKeys, chunkDecay)));

    /// <summary>The nodes' arguments: the decay only when there is one (a node input is a tensor or absent).</summary>
    private static object[] Arguments(Tensor solved, long keyDim, Tensor stateKeys, Tensor? chunkDecay) =>
        chunkDecay is null ? [solved, keyDim, stateKeys] : [solved, keyDim, stateKeys, chunkDecay];

    /// <summary>The nodes' arguments read back in their forward (the inverse of <see cref="Arguments"/>).</summary>
    internal static (Tensor Solved, long KeyDim, Tensor StateKeys, Tensor? Decay) Inputs(object[] vars) =>
        ((Tensor)vars[0], (long)vars[1], (Tensor)vars[2], vars.Length > 3 ? (Tensor)vars[3] : null);

    private static (Tensor Starts, Tensor Written) Outputs(List<Tensor> outputs) => (outputs[0], outputs[1]);

    /// <summary>One chunk's product W_n S_n: B·H · C · Dk · Dv multiply-adds.</summary>
    internal static long MultiplyAddsPerChunk(Tensor solved, long keyDim) =>
        solved.shape[1] * solved.shape[2] * keyDim * (solved.shape[3] - keyDim);
}
