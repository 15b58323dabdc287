using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>Checks a <see cref="TokenBatch"/> against the vocabulary and turns it into tensors on a device.</summary>
internal static class BatchTensors
{
    /// <summary>
    /// Throws <see cref="BenchmarkDataException"/> when an input or a scored target is outside [0, vocab): that is
    /// a benchmark bug, and left to libtorch it would surface as an opaque native error blamed on the mixer.
    /// </summary>
    public static void Check(TokenBatch batch, int vocabSize, string task)
    {
        for (var i = 0; i < batch.Inputs.Length; i++)
        {
            if ((ulong)batch.Inputs[i] >= (ulong)vocabSize)
            {
                throw new BenchmarkDataException($"Benchmark '{task}' produced input token {batch.Inputs[i]} outside its vocabulary [0, {vocabSize}).");
            }

            if (batch.LossMask[i] != 0 && (ulong)batch.Targets[i] >= (ulong)vocabSize)
            {
                throw new BenchmarkDataException($"Benchmark '{task}' produced target token {batch.Targets[i]} outside its vocabulary [0, {vocabSize}).");
            }
        }
    }

    /// <summary>Inputs <c>[B, T]</c>, targets <c>[B*T]</c> (0 where unscored) and mask <c>[B*T]</c> on <paramref name="device"/>.</summary>
    public static (Tensor Inputs, Tensor Targets, Tensor Mask) ToTensors(TokenBatch batch, Device device)
    {
        var shape = new long[] { batch.BatchSize, batch.Length };
        var inputs = tensor(batch.Inputs, shape).to(device);
        var mask = tensor(batch.LossMask).to(device);
        var targets = tensor(batch.Targets).to(device).masked_fill(mask.eq(0), 0);
        return (inputs, targets, mask);
    }
}
