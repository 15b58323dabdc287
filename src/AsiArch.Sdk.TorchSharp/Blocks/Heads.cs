using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>Reshapes between the residual layout <c>[B, T, H·D]</c> and the head-split layout <c>[B, H, T, D]</c>
/// that <see cref="SequenceOps"/> takes.</summary>
public static class Heads
{
    /// <summary><c>[B, T, H·D]</c> → <c>[B, H, T, D]</c>.</summary>
    /// <param name="x">Input whose last dimension is a multiple of <paramref name="numHeads"/>.</param>
    /// <param name="numHeads">H.</param>
    public static Tensor Split(Tensor x, int numHeads)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 3 || numHeads < 1 || x.shape[2] % numHeads != 0)
        {
            throw new ArgumentException(
                $"Heads.Split expects [B, T, H*D] with the last dimension divisible by {numHeads}; got [{string.Join(", ", x.shape)}].",
                nameof(x));
        }

        return x.view(x.shape[0], x.shape[1], numHeads, x.shape[2] / numHeads).transpose(1, 2);
    }

    /// <summary><c>[B, H, T, D]</c> → <c>[B, T, H·D]</c>.</summary>
    /// <param name="x">Head-split input.</param>
    public static Tensor Merge(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 4)
        {
            throw new ArgumentException($"Heads.Merge expects [B, H, T, D]; got [{string.Join(", ", x.shape)}].", nameof(x));
        }

        return x.transpose(1, 2).reshape(x.shape[0], x.shape[2], x.shape[1] * x.shape[3]);
    }

    /// <summary>Per-head scalars <c>[B, T, H]</c> (gates, betas, log decays) → <c>[B, H, T]</c>.</summary>
    /// <param name="x">Input <c>[B, T, H]</c>.</param>
    public static Tensor SplitScalar(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 3)
        {
            throw new ArgumentException($"Heads.SplitScalar expects [B, T, H]; got [{string.Join(", ", x.shape)}].", nameof(x));
        }

        return x.transpose(1, 2);
    }
}
