using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks.Kernels;

/// <summary>
/// Raw access to float32 tensors in CPU memory, for the fused loops in this folder. libtorch runs a chain of
/// elementwise ops as one pass over memory per op; at the widths the search trains (activations of about 1 MB) those
/// passes, not arithmetic, are what the delta-rule layers spend outside their matmuls. A loop here does the chain in one
/// pass and falls back to the libtorch ops on any other device or dtype.
/// </summary>
internal static unsafe class CpuFloat32
{
    /// <summary>
    /// True when every tensor is float32 in CPU memory and 256-bit vectors are instructions here (x64 with AVX), so the
    /// fused loops can run on them. Elsewhere (e.g. 128-bit NEON) the vectors would be emulated and slower than
    /// libtorch's ops.
    /// </summary>
    public static bool Applies(params Tensor[] tensors)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return false;
        }

        foreach (var tensor in tensors)
        {
            if (tensor.dtype != ScalarType.Float32 || tensor.device_type != DeviceType.CPU)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The address of element [0, ..., 0] of <paramref name="tensor"/> (storage start plus offset).</summary>
    public static float* Pointer(Tensor tensor)
    {
        using var storage = tensor.storage<float>();
        return (float*)storage.data_ptr() + tensor.storage_offset();
    }

    /// <summary>
    /// <paramref name="tensor"/> itself when its last dimension is dense (stride 1), else a contiguous copy: the loops
    /// walk rows through the strides of the leading dimensions but read each row as one vector span.
    /// </summary>
    public static Tensor WithDenseRows(Tensor tensor) => tensor.stride(-1) == 1 ? tensor : tensor.contiguous();
}
