using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// Naive step-by-step recurrences of the linear-time <see cref="SequenceOps"/>, one time step per iteration. They
/// define the math the chunkwise forms must reproduce; use them in tests, never in models (they are O(T) sequential
/// small ops).
/// </summary>
public static class RecurrentReference
{
    /// <summary>S_t = exp(g_t)·S_{t-1} + k_t v_tᵀ, o_t = S_tᵀ q_t (no decay when <paramref name="logDecay"/> is null).</summary>
    /// <param name="q">Queries <c>[B, H, T, Dk]</c>.</param>
    /// <param name="k">Keys <c>[B, H, T, Dk]</c>.</param>
    /// <param name="v">Values <c>[B, H, T, Dv]</c>.</param>
    /// <param name="logDecay">g_t <c>[B, H, T]</c> or null.</param>
    /// <returns><c>[B, H, T, Dv]</c>.</returns>
    public static Tensor LinearAttention(Tensor q, Tensor k, Tensor v, Tensor? logDecay = null)
    {
        ShapeChecks.QueryKeyValue(q, k, v, nameof(LinearAttention));
        ShapeChecks.PerStep(logDecay, q, nameof(logDecay), nameof(LinearAttention));
        return Run(q, k, v, null, logDecay);
    }

    /// <summary>S_t = (I - β_t k_t k_tᵀ)·S_{t-1} + β_t k_t v_tᵀ, o_t = S_tᵀ q_t.</summary>
    /// <param name="q">Queries <c>[B, H, T, Dk]</c>.</param>
    /// <param name="k">Keys <c>[B, H, T, Dk]</c>.</param>
    /// <param name="v">Values <c>[B, H, T, Dv]</c>.</param>
    /// <param name="beta">β_t <c>[B, H, T]</c>.</param>
    /// <returns><c>[B, H, T, Dv]</c>.</returns>
    public static Tensor DeltaRule(Tensor q, Tensor k, Tensor v, Tensor beta)
    {
        ShapeChecks.QueryKeyValue(q, k, v, nameof(DeltaRule));
        ArgumentNullException.ThrowIfNull(beta);
        ShapeChecks.PerStep(beta, q, nameof(beta), nameof(DeltaRule));
        return Run(q, k, v, beta, null);
    }

    /// <summary>S_t = exp(g_t)·(I - β_t k_t k_tᵀ)·S_{t-1} + β_t k_t v_tᵀ, o_t = S_tᵀ q_t.</summary>
    /// <param name="q">Queries <c>[B, H, T, Dk]</c>.</param>
    /// <param name="k">Keys <c>[B, H, T, Dk]</c>.</param>
    /// <param name="v">Values <c>[B, H, T, Dv]</c>.</param>
    /// <param name="beta">β_t <c>[B, H, T]</c>.</param>
    /// <param name="logDecay">g_t <c>[B, H, T]</c>.</param>
    /// <returns><c>[B, H, T, Dv]</c>.</returns>
    public static Tensor GatedDeltaRule(Tensor q, Tensor k, Tensor v, Tensor beta, Tensor logDecay)
    {
        ShapeChecks.QueryKeyValue(q, k, v, nameof(GatedDeltaRule));
        ArgumentNullException.ThrowIfNull(beta);
        ArgumentNullException.ThrowIfNull(logDecay);
        ShapeChecks.PerStep(beta, q, nameof(beta), nameof(GatedDeltaRule));
        ShapeChecks.PerStep(logDecay, q, nameof(logDecay), nameof(GatedDeltaRule));
        return Run(q, k, v, beta, logDecay);
    }

    private static Tensor Run(Tensor q, Tensor k, Tensor v, Tensor? beta, Tensor? logDecay)
    {
        using var scope = NewDisposeScope();
        var state = zeros(q.shape[0], q.shape[1], q.shape[3], v.shape[3], dtype: q.dtype, device: q.device);
        var outputs = new Tensor[q.shape[2]];
        for (var t = 0; t < outputs.Length; t++)
        {
            var kt = k.select(2, t);
            var vt = v.select(2, t);
            if (logDecay is not null)
            {
                state = state * logDecay.select(2, t).exp().view(q.shape[0], q.shape[1], 1, 1);
            }

            if (beta is not null)
            {
                // Delta rule: write only the error between the target value and what the state recalls for k_t.
                var recalled = kt.unsqueeze(-2).matmul(state).squeeze(-2);
                vt = (vt - recalled) * beta.select(2, t).unsqueeze(-1);
            }

            state = state + kt.unsqueeze(-1).matmul(vt.unsqueeze(-2));
            outputs[t] = q.select(2, t).unsqueeze(-2).matmul(state).squeeze(-2);
        }

        return stack(outputs, 2).MoveToOuterDisposeScope();
    }
}
