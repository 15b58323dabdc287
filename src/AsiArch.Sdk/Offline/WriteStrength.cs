namespace AsiArch.Sdk.Offline;

/// <summary>The form of the write strength β_t (the delta rule's learning rate, a write gate for the other rules).</summary>
public enum WriteStrength
{
    /// <summary>No write strength (β = 1 for additive rules; not allowed with the delta rules).</summary>
    None,

    /// <summary>One learned β per head, independent of the input.</summary>
    LearnedPerHead,

    /// <summary>β_t = sigmoid(W x_t) per head and token.</summary>
    DataDependent,
}
