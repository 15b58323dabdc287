namespace AsiArch.Sdk.Offline;

/// <summary>The kernel feature map applied to queries and keys (mirrors <c>AsiArch.Sdk.TorchSharp.Blocks.FeatureMap</c>).</summary>
public enum FeatureMapKind
{
    /// <summary>No feature map (raw projections).</summary>
    Identity,

    /// <summary>elu(x) + 1, the map of Katharopoulos et al.</summary>
    EluPlusOne,

    /// <summary>relu(x).</summary>
    Relu,

    /// <summary>silu(x), DeltaNet's choice.</summary>
    Silu,

    /// <summary>Softmax over the feature dimension.</summary>
    Softmax,

    /// <summary>Second-order Taylor expansion of exp (Based); expands the key dimension to 1 + d + d².</summary>
    Taylor2,
}
