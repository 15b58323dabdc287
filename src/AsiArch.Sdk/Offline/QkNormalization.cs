namespace AsiArch.Sdk.Offline;

/// <summary>How queries and keys are normalised after the feature map.</summary>
public enum QkNormalization
{
    /// <summary>No normalisation.</summary>
    None,

    /// <summary>L2 normalisation per head (required by the delta rules for a stable write).</summary>
    L2,
}
