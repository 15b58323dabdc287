using AsiArch.Sdk.TorchSharp.Runtime;

namespace AsiArch.Sdk.TorchSharp.Tests.Runtime;

public sealed class NativeBackendLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("asiarch-locator-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Locate_RealTestOutput_FindsShimAndCpuBackend()
    {
        var layout = NativeShim.Layout();

        Assert.NotNull(layout.ShimPath);
        Assert.True(layout.HasCpuBackend);
        Assert.False(layout.HasCudaBackend);
    }

    [Fact]
    public void Validate_NoBackend_NamesBothPackages()
    {
        var shimDir = Dir("shim", NativeBackendLocator.ShimFileName);
        var layout = NativeBackendLocator.Locate([shimDir, Path.Combine(_root, "missing")]);

        var ex = Assert.Throws<TorchRuntimeException>(() => NativeBackendLocator.Validate(layout, ComputeDevice.Auto));

        Assert.Contains("libtorch-cpu-linux-x64", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TorchSharp-cuda-linux", ex.Message, StringComparison.Ordinal);
        Assert.Contains(shimDir, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CudaRequestedWithCpuBackend_NamesCudaPackage()
    {
        var layout = NativeBackendLocator.Locate([Dir("both", NativeBackendLocator.ShimFileName, NativeBackendLocator.CpuBackendFileName)]);

        var ex = Assert.Throws<TorchRuntimeException>(() => NativeBackendLocator.Validate(layout, ComputeDevice.Cuda));

        Assert.Contains("TorchSharp-cuda-linux", ex.Message, StringComparison.Ordinal);
        NativeBackendLocator.Validate(layout, ComputeDevice.Cpu);
    }

    [Fact]
    public void Locate_ShimAndBackendInDifferentDirectories_FindsBoth()
    {
        var shim = Dir("a", NativeBackendLocator.ShimFileName);
        var backend = Dir("b", NativeBackendLocator.CudaBackendFileName, NativeBackendLocator.CpuBackendFileName);

        var layout = NativeBackendLocator.Locate([shim, backend]);

        Assert.Equal(Path.Combine(shim, NativeBackendLocator.ShimFileName), layout.ShimPath);
        Assert.Equal(backend, layout.BackendDirectory);
        Assert.True(layout.HasCudaBackend);
    }

    private string Dir(string name, params string[] files)
    {
        var dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        foreach (var f in files)
        {
            File.WriteAllText(Path.Combine(dir, f), f);
        }

        return dir;
    }
}
