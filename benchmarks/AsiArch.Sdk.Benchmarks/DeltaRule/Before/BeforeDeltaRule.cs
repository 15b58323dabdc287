using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.DeltaRule.Before;

/// <summary>
/// The chunked (gated) delta rule as it was before the speed work of session 4 (commit 01c2b17), kept so one benchmark
/// run can time the old and the new op side by side. Pass <c>logDecay</c> null for the ungated rule.
/// </summary>
internal static class BeforeDeltaRule
{
    public static Tensor DeltaRule(Tensor q, Tensor k, Tensor v, Tensor beta, Tensor? logDecay, int chunkSize)
    {
        using var scope = NewDisposeScope();
        var x = BeforeChunks.Create(q, k, v, chunkSize);
        var qc = x.Pad(q).reshape(x.Batch, x.Heads, x.Count, x.Size, x.KeyDim);
        var kc = x.Pad(k).reshape(x.Batch, x.Heads, x.Count, x.Size, x.KeyDim);
        var vc = x.Pad(v).reshape(x.Batch, x.Heads, x.Count, x.Size, x.ValueDim);
        var bc = x.Pad(beta).reshape(x.Batch, x.Heads, x.Count, x.Size, 1);

        var kBeta = kc * bc;
        var gram = kBeta.matmul(kc.transpose(-1, -2));
        var scores = qc.matmul(kc.transpose(-1, -2));
        Tensor qInter = qc, kState = kc, kWrite = kBeta;
        Tensor? chunkDecay = null;
        if (logDecay is not null)
        {
            var decay = x.Decay(logDecay);
            gram = gram * decay.Pairwise;
            scores = scores * decay.Pairwise;
            qInter = qc * decay.FromStart.unsqueeze(-1);
            kState = kc * decay.ToEnd.unsqueeze(-1);
            kWrite = kBeta * decay.FromStart.unsqueeze(-1);
            chunkDecay = decay.Whole;
        }
        else
        {
            scores = scores.masked_fill(x.StrictUpper(q.device), 0.0);
        }

        // UT transform: (I + tril(diag(β) K Kᵀ, -1)) [W U] = [diag(β) K, diag(β) V] for all chunks at once.
        var solved = BeforeUtTransform.Solve(gram, cat([kWrite, vc * bc], -1));
        var w = solved.narrow(-1, 0, x.KeyDim).unbind(2);
        var u = solved.narrow(-1, x.KeyDim, x.ValueDim).unbind(2);
        var ks = kState.transpose(-1, -2).unbind(2);

        // Only the state update is sequential; the outputs are batched matmuls over all chunks afterwards, which
        // halves the ops in the pass (and in its backward), the cost that dominates at long sequences on a CPU.
        // (Measured: a hand-written autograd node for this pass, and an affine scan S_{n+1} = A_n S_n + B_n with the
        // maps precomputed in batch, were both slower forward+backward on the 2-core CPU; the scan also does 50% more
        // matmul work.)
        var state = zeros(x.Batch, x.Heads, x.KeyDim, x.ValueDim, dtype: q.dtype, device: q.device);
        var starts = new Tensor[x.Count];
        var written = new Tensor[x.Count];
        for (var n = 0; n < x.Count; n++)
        {
            starts[n] = state;

            // Pseudo-values: what each position actually writes once the incoming state is accounted for.
            written[n] = u[n] - w[n].matmul(state);
            var decayed = chunkDecay is null ? state : state * chunkDecay.select(2, n);
            state = decayed + ks[n].matmul(written[n]);
        }

        var outputs = qInter.matmul(stack(starts, 2)) + scores.matmul(stack(written, 2));
        return x.Unpad(outputs).MoveToOuterDisposeScope();
    }
}
