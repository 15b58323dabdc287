namespace AsiArch.Sdk.Offline;

/// <summary>How the sliding-window attention branch is combined with the linear branch.</summary>
public enum BranchMixing
{
    /// <summary>o = linear + local.</summary>
    Sum,

    /// <summary>o = (1 − g) linear + g local with one learned g per head.</summary>
    LearnedScalar,

    /// <summary>o = (1 − g_t) linear + g_t local with g_t = sigmoid(W x_t) per head and token.</summary>
    DataDependentGate,
}
