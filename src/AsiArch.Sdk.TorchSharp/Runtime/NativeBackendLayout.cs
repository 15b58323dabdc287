namespace AsiArch.Sdk.TorchSharp.Runtime;

/// <summary>Where TorchSharp's native shim and the libtorch backend libraries were found.</summary>
/// <param name="ShimPath">Absolute path of <c>libLibTorchSharp.so</c>.</param>
/// <param name="BackendDirectory">Directory holding the libtorch libraries (<c>libtorch_cpu.so</c> etc.), or null.</param>
/// <param name="HasCpuBackend">Whether <c>libtorch_cpu.so</c> is present.</param>
/// <param name="HasCudaBackend">Whether <c>libtorch_cuda.so</c> is present.</param>
/// <param name="SearchedDirectories">Every directory looked at, for error messages.</param>
internal sealed record NativeBackendLayout(
    string? ShimPath,
    string? BackendDirectory,
    bool HasCpuBackend,
    bool HasCudaBackend,
    IReadOnlyList<string> SearchedDirectories);
