namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>Number format of the forward and backward passes.</summary>
public enum TrainingPrecision
{
    /// <summary>bfloat16 on CUDA, float32 on the CPU (CPU bf16 matmuls are slower than fp32).</summary>
    Auto,

    /// <summary>float32 everywhere.</summary>
    Float32,

    /// <summary>
    /// bfloat16 weights and activations with float32 master weights, gradients cast up and optimiser state in float32
    /// (explicit casting: TorchSharp 0.107 has no autocast).
    /// </summary>
    BFloat16,
}
