using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>Parameter-free normalisations.</summary>
public static class Norms
{
    /// <summary>Scales the last dimension to unit L2 norm: x / sqrt(Σx² + eps). Used on delta-rule keys and queries,
    /// where unit keys keep the state update (I - β k kᵀ) a contraction.</summary>
    /// <param name="x">Input <c>[..., d]</c>.</param>
    /// <param name="eps">Added under the square root.</param>
    /// <param name="scale">Multiplies the result (e.g. 1/√d on delta-rule queries) at no extra pass.</param>
    /// <returns>Same shape as <paramref name="x"/>.</returns>
    public static Tensor L2Normalize(Tensor x, double eps = 1e-6, double scale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        return ScaledNormalization.Apply(x, meanSquare: false, eps, scale);
    }

    /// <summary>Scales the last dimension to unit root mean square: x / sqrt(mean(x²) + eps), RMSNorm without its gain.</summary>
    /// <param name="x">Input <c>[..., d]</c>.</param>
    /// <param name="eps">Added under the square root.</param>
    /// <returns>Same shape as <paramref name="x"/>.</returns>
    public static Tensor RmsNormalize(Tensor x, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(x);
        return ScaledNormalization.Apply(x, meanSquare: true, eps, scale: 1.0);
    }
}
