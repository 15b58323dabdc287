namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>A kernel feature map φ applied to queries and keys of linear attention (see <see cref="FeatureMaps"/>).</summary>
public enum FeatureMap
{
    /// <summary>φ(x) = x.</summary>
    Identity,

    /// <summary>φ(x) = elu(x) + 1 (positive; Katharopoulos et al. 2020).</summary>
    EluPlusOne,

    /// <summary>φ(x) = max(x, 0).</summary>
    Relu,

    /// <summary>φ(x) = x · sigmoid(x).</summary>
    Silu,

    /// <summary>φ(x) = softmax(x) over the feature dimension (positive, sums to one).</summary>
    Softmax,

    /// <summary>
    /// Second-order Taylor map φ(x) = [1, x, vec(x xᵀ)/√2], so φ(q)·φ(k) = 1 + q·k + (q·k)²/2 ≈ exp(q·k). Output width
    /// 1 + d + d² (Based, Arora et al. 2024); keep d small (≤ 16).
    /// </summary>
    Taylor2,
}
