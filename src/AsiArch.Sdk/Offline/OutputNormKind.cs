namespace AsiArch.Sdk.Offline;

/// <summary>The per-head normalisation of the read-out before the output projection.</summary>
public enum OutputNormKind
{
    /// <summary>No normalisation.</summary>
    None,

    /// <summary>RMSNorm over the value head dimension.</summary>
    RmsNorm,

    /// <summary>RMSNorm gated by silu(W x) (FLA's FusedRMSNormGated); carries its own gate.</summary>
    GatedRmsNorm,
}
