namespace AsiArch.Sdk.Offline;

/// <summary>A multiplicative gate on the mixer output.</summary>
public enum OutputGateKind
{
    /// <summary>No gate.</summary>
    None,

    /// <summary>o · sigmoid(W x).</summary>
    Sigmoid,
}
