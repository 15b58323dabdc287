using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>Fixed decay schedules.</summary>
public static class Decays
{
    /// <summary>
    /// RetNet's multi-scale decays, log γ_h with γ_h = 1 - 2^(-5-h) for heads h = 0..H-1 (Sun et al. 2023): head 0
    /// forgets fastest (half-life ~22 tokens), later heads remember longer.
    /// </summary>
    /// <param name="numHeads">H.</param>
    /// <returns>A float32 CPU tensor <c>[H]</c> of values &lt; 0; move it with <c>.to(x.device)</c>.</returns>
    public static Tensor RetNetLogDecay(int numHeads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numHeads);
        var values = new float[numHeads];
        for (var h = 0; h < numHeads; h++)
        {
            values[h] = (float)Math.Log(1.0 - Math.Pow(2.0, -5.0 - h));
        }

        return tensor(values);
    }

    /// <summary>Broadcasts a per-head log decay <c>[H]</c> to the <c>[B, H, T]</c> layout the sequence ops take.</summary>
    /// <param name="logDecay">Per-head values <c>[H]</c>.</param>
    /// <param name="batch">B.</param>
    /// <param name="length">T.</param>
    public static Tensor Expand(Tensor logDecay, long batch, long length)
    {
        ArgumentNullException.ThrowIfNull(logDecay);
        return logDecay.view(1, -1, 1).expand(batch, -1, length);
    }
}
