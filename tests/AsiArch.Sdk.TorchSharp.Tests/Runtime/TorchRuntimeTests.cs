using TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Runtime;

[Collection("torch")]
public sealed class TorchRuntimeTests
{
    [Fact]
    public void EnsureInitialized_Cpu_TensorMathWorks()
    {
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cpu, Threads = 2 });

        using var sum = ones(2, 2).sum();

        Assert.Equal(4f, sum.item<float>());
        Assert.Equal(DeviceType.CPU, TorchRuntime.Device.type);
        Assert.Equal(2, get_num_threads());
    }

    [Fact]
    public void EnsureInitialized_CalledAgain_IsIdempotent()
    {
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Threads = 2 });
        var device = TorchRuntime.Device;

        TorchRuntime.EnsureInitialized();

        Assert.Same(device, TorchRuntime.Device);
        Assert.Equal(2, get_num_threads());
    }

    [Fact]
    public void EnsureInitialized_CudaAfterCpuWithoutCudaBackend_NamesThePackageToAdd()
    {
        // The CPU-only backend is referenced here: a later call gets the same message a first call would, not "cannot switch".
        Assert.False(TorchRuntime.HasCudaBackend);
        var ex = Assert.Throws<TorchRuntimeException>(
            () => TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cuda }));

        Assert.Contains("TorchSharp-cuda-linux", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureInitialized_ZeroThreads_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Threads = 0 }));
    }

    [Fact]
    public void EnsureInitialized_OnThisDistribution_LeavesTheAppFolderUntouched()
    {
        // TorchSharp's own fallback copies ~480 MB of natives into a 'cpu' folder next to TorchSharp.dll.
        var appFolder = Path.GetDirectoryName(typeof(torch).Assembly.Location)!;

        Assert.False(Directory.Exists(Path.Combine(appFolder, "cpu")));
        Assert.NotNull(TorchRuntime.LoadedShimPath);
        Assert.True(File.Exists(TorchRuntime.LoadedShimPath));
    }
}
