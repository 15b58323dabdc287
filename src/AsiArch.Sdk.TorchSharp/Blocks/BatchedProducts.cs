using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>Fused product-and-sum of batches of matrices: one op (and one autograd node) instead of a matmul and an add.</summary>
internal static class BatchedProducts
{
    /// <summary><paramref name="sum"/> + <paramref name="scale"/> · <paramref name="left"/> @ <paramref name="right"/>,
    /// all 3-D <c>[batch, rows, cols]</c>.</summary>
    /// <remarks>TorchSharp's <c>Tensor.baddbmm</c> takes the first factor as <c>this</c> and the summand as an
    /// argument (unlike PyTorch's <c>input.baddbmm(batch1, batch2)</c>); this wrapper names the roles.</remarks>
    public static Tensor PlusProduct(Tensor sum, Tensor left, Tensor right, float scale = 1) =>
        left.baddbmm(right, sum, beta: 1, alpha: scale);
}
