using System.Runtime.InteropServices;

namespace AsiArch.Sdk.TorchSharp.Runtime;

/// <summary>Finds TorchSharp's native shim and the libtorch backend the application references.</summary>
internal static class NativeBackendLocator
{
    /// <summary>File name of TorchSharp's native shim on Linux.</summary>
    public const string ShimFileName = "libLibTorchSharp.so";

    /// <summary>Marker file of the CPU backend (package <c>libtorch-cpu-linux-x64</c>).</summary>
    public const string CpuBackendFileName = "libtorch_cpu.so";

    /// <summary>Marker file of the CUDA backend (package <c>TorchSharp-cuda-linux</c>).</summary>
    public const string CudaBackendFileName = "libtorch_cuda.so";

    /// <summary>
    /// The directories the .NET host would probe for native libraries, in its order: the host's
    /// <c>NATIVE_DLL_SEARCH_DIRECTORIES</c> (from deps.json; covers <c>runtimes/&lt;rid&gt;/native</c> of portable
    /// builds), the application folder, the folders next to TorchSharp.dll (package-cache layouts), then
    /// <paramref name="extraDirectories"/> (the application's backend folder, given to the sandboxed worker).
    /// </summary>
    public static IReadOnlyList<string> CandidateDirectories(string torchSharpAssemblyLocation, IEnumerable<string>? extraDirectories = null)
    {
        var dirs = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirectories)
        {
            dirs.AddRange(searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        var rid = PortableRid();
        dirs.Add(AppContext.BaseDirectory);
        dirs.Add(Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native"));
        if (!string.IsNullOrEmpty(torchSharpAssemblyLocation))
        {
            var assemblyDir = Path.GetDirectoryName(torchSharpAssemblyLocation)!;
            dirs.Add(assemblyDir);
            dirs.Add(Path.Combine(assemblyDir, "runtimes", rid, "native"));

            // NuGet cache layout: torchsharp/<version>/lib/<tfm>/TorchSharp.dll and .../runtimes/<rid>/native.
            dirs.Add(Path.Combine(assemblyDir, "..", "..", "runtimes", rid, "native"));
        }

        dirs.AddRange((extraDirectories ?? []).Where(d => !string.IsNullOrWhiteSpace(d)));

        return dirs
            .Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Looks for the shim and a backend in <paramref name="directories"/> (first match wins).</summary>
    public static NativeBackendLayout Locate(IReadOnlyList<string> directories)
    {
        string? shim = null;
        string? backendDir = null;
        bool cpu = false, cuda = false;
        foreach (var dir in directories)
        {
            if (!Directory.Exists(dir))
            {
                continue;
            }

            var candidate = Path.Combine(dir, ShimFileName);
            if (shim is null && File.Exists(candidate))
            {
                shim = candidate;
            }

            if (backendDir is null)
            {
                cpu = File.Exists(Path.Combine(dir, CpuBackendFileName));
                cuda = File.Exists(Path.Combine(dir, CudaBackendFileName));
                if (cpu || cuda)
                {
                    backendDir = dir;
                }
            }
        }

        return new NativeBackendLayout(shim, backendDir, cpu, cuda, directories);
    }

    /// <summary>Throws a <see cref="TorchRuntimeException"/> naming the package to add when the layout cannot serve
    /// <paramref name="device"/>.</summary>
    public static void Validate(NativeBackendLayout layout, ComputeDevice device)
    {
        var searched = string.Join(", ", layout.SearchedDirectories);
        if (layout.BackendDirectory is null)
        {
            throw new TorchRuntimeException(
                "No libtorch native backend was found. TorchSharp only ships managed code; the application must "
                + "reference a native backend package: add <PackageReference Include=\"libtorch-cpu-linux-x64\" /> for "
                + "CPU or <PackageReference Include=\"TorchSharp-cuda-linux\" /> for CUDA. Searched: " + searched);
        }

        if (layout.ShimPath is null)
        {
            throw new TorchRuntimeException(
                $"TorchSharp's native library {ShimFileName} was not found (it ships in the 'TorchSharp' package's "
                + "runtimes/linux-x64/native folder). Searched: " + searched);
        }

        if (device == ComputeDevice.Cuda && !layout.HasCudaBackend)
        {
            throw new TorchRuntimeException(
                "Device Cuda was requested but no CUDA backend is referenced. Add a PackageReference to "
                + "'TorchSharp-cuda-linux' (instead of 'libtorch-cpu-linux-x64') to the application, or use "
                + "ComputeDevice.Cpu or Auto.");
        }
    }

    private static string PortableRid() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm64 => "linux-arm64",
        _ => "linux-x64",
    };
}
