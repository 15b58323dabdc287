namespace AsiArch.Sdk;

/// <summary>
/// A batch of token sequences in row-major arrays: inputs, next-token targets and a loss mask (1 where the position is
/// scored). Kept free of tensor types so benchmarks can be written without TorchSharp.
/// </summary>
public sealed class TokenBatch
{
    /// <summary>Creates a batch, checking that every array has <paramref name="batchSize"/> × <paramref name="length"/> items.</summary>
    public TokenBatch(int batchSize, int length, long[] inputs, long[] targets, float[] lossMask)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(lossMask);
        var n = (long)batchSize * length;
        if (inputs.Length != n || targets.Length != n || lossMask.Length != n)
        {
            throw new ArgumentException(
                $"Token batch arrays must each hold {batchSize}x{length}={n} items " +
                $"(inputs {inputs.Length}, targets {targets.Length}, mask {lossMask.Length}).");
        }

        BatchSize = batchSize;
        Length = length;
        Inputs = inputs;
        Targets = targets;
        LossMask = lossMask;
    }

    /// <summary>Sequences in the batch.</summary>
    public int BatchSize { get; }

    /// <summary>Tokens per sequence.</summary>
    public int Length { get; }

    /// <summary>Input token ids, <c>[BatchSize * Length]</c>.</summary>
    public long[] Inputs { get; }

    /// <summary>Target token ids, <c>[BatchSize * Length]</c>; any value where the mask is 0.</summary>
    public long[] Targets { get; }

    /// <summary>1 where the position counts towards loss and accuracy, else 0.</summary>
    public float[] LossMask { get; }
}
