namespace AsiArch.Sdk.Offline;

/// <summary>How the recurrent key-value state is updated at each step.</summary>
public enum StateUpdateRule
{
    /// <summary>S += v kᵀ (plain linear attention).</summary>
    Additive,

    /// <summary>S = γ S + v kᵀ with a fixed per-head γ (RetNet).</summary>
    FixedDecay,

    /// <summary>S = α_t S + v kᵀ with a data-dependent α_t (GLA / Mamba2 style).</summary>
    DataDependentDecay,

    /// <summary>S = S − β_t (S k − v) kᵀ (DeltaNet).</summary>
    DeltaRule,

    /// <summary>S = α_t (S − β_t (S k − v) kᵀ) (Gated DeltaNet).</summary>
    GatedDeltaRule,
}
