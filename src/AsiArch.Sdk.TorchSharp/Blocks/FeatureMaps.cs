using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>Applies <see cref="FeatureMap"/> kernels to the last dimension of a tensor.</summary>
public static class FeatureMaps
{
    /// <summary>Applies <paramref name="map"/> to the last dimension.</summary>
    /// <param name="map">The feature map.</param>
    /// <param name="x">Input <c>[..., d]</c>, e.g. head-split queries <c>[B, H, T, d]</c>.</param>
    /// <returns><c>[..., OutputDim(map, d)]</c>.</returns>
    public static Tensor Apply(FeatureMap map, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return map switch
        {
            FeatureMap.Identity => x.alias(),
            FeatureMap.EluPlusOne => nn.functional.elu(x, 1.0) + 1,
            FeatureMap.Relu => nn.functional.relu(x),
            FeatureMap.Silu => nn.functional.silu(x),
            FeatureMap.Softmax => x.softmax(-1),
            FeatureMap.Taylor2 => Taylor2(x),
            _ => throw new ArgumentOutOfRangeException(nameof(map), map, "Unknown feature map."),
        };
    }

    /// <summary>Width of <paramref name="map"/>'s output for an input of width <paramref name="dim"/>.</summary>
    /// <param name="map">The feature map.</param>
    /// <param name="dim">Input width d.</param>
    /// <returns>d, or 1 + d + d² for <see cref="FeatureMap.Taylor2"/>.</returns>
    public static int OutputDim(FeatureMap map, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        return map == FeatureMap.Taylor2 ? 1 + dim + (dim * dim) : dim;
    }

    private static Tensor Taylor2(Tensor x)
    {
        using var scope = NewDisposeScope();
        var outer = (x.unsqueeze(-1) * x.unsqueeze(-2)).flatten(-2) * (1.0 / Math.Sqrt(2.0));
        var one = ones_like(x.narrow(-1, 0, 1));
        return cat([one, x, outer], -1).MoveToOuterDisposeScope();
    }
}
