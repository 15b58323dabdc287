using System.Reflection;
using System.Runtime.InteropServices;
using AsiArch.Sdk.TorchSharp.Runtime;
using TorchSharp;

namespace AsiArch.Sdk.TorchSharp;

/// <summary>
/// Loads libtorch once per process, picks the device and sets the CPU thread count. Call
/// <see cref="EnsureInitialized"/> before any other torch use.
/// </summary>
/// <remarks>
/// On Linux the native libraries are loaded by absolute path before TorchSharp looks for them. TorchSharp 0.107's
/// <c>libLibTorchSharp.so</c> requires <c>GLIBCXX_3.4.32</c> for one symbol it never uses, which the libstdc++ of
/// Debian 12 and Ubuntu 22.04 lacks. When the process's libstdc++ lacks a version the shim requires, a copy with
/// those requirements marked weak is written to a per-user cache (the application folder may be read-only) and
/// loaded instead, and TorchSharp's P/Invokes are pointed at it. Nothing is needed from the user.
/// </remarks>
public static class TorchRuntime
{
    private const string ShimLibraryName = "LibTorchSharp";
    private static readonly Lock Gate = new();
    private static torch.Device? _device;
    private static ComputeDevice _deviceKind;
    private static IntPtr _shimHandle;
    private static NativeBackendLayout? _layout;

    /// <summary>The device chosen by <see cref="EnsureInitialized"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="EnsureInitialized"/> has not run.</exception>
    public static torch.Device Device =>
        _device ?? throw new InvalidOperationException(
            $"Call {nameof(TorchRuntime)}.{nameof(EnsureInitialized)}() before using {nameof(TorchRuntime)}.{nameof(Device)}.");

    /// <summary>Whether <see cref="EnsureInitialized"/> has completed in this process.</summary>
    public static bool IsInitialized => Volatile.Read(ref _device) is not null;

    /// <summary>Whether the native libraries have been loaded (by <see cref="PreloadNatives"/> or <see cref="EnsureInitialized"/>); Linux only.</summary>
    public static bool NativesLoaded => Volatile.Read(ref _layout) is not null;

    /// <summary>Whether the loaded natives include a CUDA backend (<c>libtorch_cuda.so</c>); false before they are loaded.</summary>
    public static bool HasCudaBackend => Volatile.Read(ref _layout)?.HasCudaBackend ?? false;

    /// <summary>Path of the native shim actually loaded (the patched cache copy when one was needed); Linux only.</summary>
    public static string? LoadedShimPath { get; private set; }

    /// <summary>
    /// Loads libtorch (first call), selects the device and applies the thread count. Idempotent and thread-safe: later
    /// calls only apply an explicitly given <see cref="TorchRuntimeOptions.Threads"/>.
    /// </summary>
    /// <param name="options">Device, threads and cache directory; null means the defaults.</param>
    /// <exception cref="TorchRuntimeException">No native backend is referenced, the requested device is unavailable,
    /// or the native libraries failed to load. The message names what to add or change.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Threads is less than 1.</exception>
    /// <exception cref="InvalidOperationException">A later call asks for a different device than the one in use.</exception>
    public static void EnsureInitialized(TorchRuntimeOptions? options = null)
    {
        options ??= new TorchRuntimeOptions();
        if (options.Threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be at least 1.");
        }

        lock (Gate)
        {
            if (_device is null)
            {
                var (device, kind) = Initialize(options);
                torch.set_num_threads(options.Threads ?? Environment.ProcessorCount);
                _deviceKind = kind;
                Volatile.Write(ref _device, device);
                return;
            }

            if (OperatingSystem.IsLinux() && _layout is not null)
            {
                // Same message as a first call would give (e.g. Cuda without a CUDA backend), not "cannot switch".
                NativeBackendLocator.Validate(_layout, options.Device);
            }

            if (options.Device != ComputeDevice.Auto && options.Device != _deviceKind)
            {
                throw new InvalidOperationException(
                    $"Torch is already initialised on {_deviceKind}; it cannot switch to {options.Device} in the same process.");
            }

            if (options.Threads is int threads)
            {
                torch.set_num_threads(threads);
            }
        }
    }

    /// <summary>
    /// Loads the native libraries (libtorch and TorchSharp's shim, patched where needed) without choosing a device or
    /// thread count, so that a later <see cref="EnsureInitialized"/> only picks the device. A worker started ahead of
    /// its job calls this while it waits. Idempotent; does nothing off Linux, where TorchSharp loads its natives itself.
    /// </summary>
    /// <param name="options">Cache and native library directories; device and threads are ignored.</param>
    /// <exception cref="TorchRuntimeException">No native backend is referenced or the libraries failed to load.</exception>
    public static void PreloadNatives(TorchRuntimeOptions? options = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        lock (Gate)
        {
            _layout ??= PrepareLinuxNatives((options ?? new TorchRuntimeOptions()) with { Device = ComputeDevice.Auto });
        }
    }

    private static (torch.Device Device, ComputeDevice Kind) Initialize(TorchRuntimeOptions options)
    {
        var cudaBackendPresent = true;
        if (OperatingSystem.IsLinux())
        {
            // Natives preloaded for another device are reused; only the device check is repeated.
            _layout ??= PrepareLinuxNatives(options);
            NativeBackendLocator.Validate(_layout, options.Device);
            cudaBackendPresent = _layout.HasCudaBackend;
        }

        try
        {
            switch (options.Device)
            {
                case ComputeDevice.Cpu:
                    torch.InitializeDeviceType(DeviceType.CPU);
                    return (torch.CPU, ComputeDevice.Cpu);
                case ComputeDevice.Cuda:
                    if (!cudaBackendPresent)
                    {
                        throw new TorchRuntimeException(
                            "Device Cuda was requested but no CUDA backend is referenced. Add a PackageReference to "
                            + "'TorchSharp-cuda-linux' (instead of 'libtorch-cpu-linux-x64') to the application, or use "
                            + "ComputeDevice.Cpu or Auto.");
                    }

                    torch.InitializeDeviceType(DeviceType.CUDA);
                    return (torch.CUDA, ComputeDevice.Cuda);
                default:
                    if (cudaBackendPresent && torch.TryInitializeDeviceType(DeviceType.CUDA) && torch.cuda.is_available())
                    {
                        return (torch.CUDA, ComputeDevice.Cuda);
                    }

                    torch.InitializeDeviceType(DeviceType.CPU);
                    return (torch.CPU, ComputeDevice.Cpu);
            }
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or DllNotFoundException)
        {
            throw new TorchRuntimeException(
                $"libtorch failed to initialise for device {options.Device}: {ex.Message}"
                + " Reference exactly one native backend package in the application: 'libtorch-cpu-linux-x64' for CPU "
                + "or 'TorchSharp-cuda-linux' for CUDA (other platforms: the matching libtorch-cpu-* / TorchSharp-cuda-* package).",
                ex);
        }
    }

    private static NativeBackendLayout PrepareLinuxNatives(TorchRuntimeOptions options)
    {
        var torchSharp = typeof(torch).Assembly;
        var layout = NativeBackendLocator.Locate(NativeBackendLocator.CandidateDirectories(torchSharp.Location, options.NativeLibraryDirectories));
        NativeBackendLocator.Validate(layout, options.Device);

        // Load libtorch by absolute path first so the shim's NEEDED entries bind to these exact files.
        var backendDirectory = layout.BackendDirectory!;
        string[] backend = layout.HasCudaBackend
            ? ["libc10.so", "libc10_cuda.so", "libtorch_cpu.so", NativeBackendLocator.CudaBackendFileName, "libtorch.so"]
            : ["libc10.so", "libtorch_cpu.so", "libtorch.so"];
        foreach (var name in backend)
        {
            var path = Path.Combine(backendDirectory, name);
            if (File.Exists(path))
            {
                Load(path, "libtorch backend library");
            }
        }

        var shimPath = PatchIfNeeded(layout.ShimPath!, backendDirectory, options);
        _shimHandle = Load(shimPath, "TorchSharp native library");
        LoadedShimPath = shimPath;
        try
        {
            NativeLibrary.SetDllImportResolver(torchSharp, ResolveShim);
        }
        catch (InvalidOperationException)
        {
            // Someone else owns TorchSharp's resolver; the shim is loaded under its soname, which the default
            // probing also finds.
        }

        return layout;
    }

    private static string PatchIfNeeded(string shimPath, string backendDirectory, TorchRuntimeOptions options)
    {
        var shim = File.ReadAllBytes(shimPath);
        var needs = ElfVersionPatcher.ReadRequirements(shim, shimPath)
            .Where(r => !r.IsWeak && IsLibStdCxx(r.File))
            .ToList();
        if (needs.Count == 0)
        {
            return shimPath;
        }

        var libStdCxx = SystemLibraries.FindLoadedLibStdCxx();
        if (libStdCxx is null)
        {
            return shimPath;
        }

        var defined = ElfVersionPatcher.ReadDefinitions(File.ReadAllBytes(libStdCxx), libStdCxx);
        var missing = needs.Where(r => !defined.Contains(r.Version)).Select(r => r.Version).ToHashSet(StringComparer.Ordinal);
        if (missing.Count == 0)
        {
            return shimPath;
        }

        var patched = ElfVersionPatcher.MarkWeak(
            shim, shimPath, r => IsLibStdCxx(r.File) && missing.Contains(r.Version), out _);
        return PatchedShimCache.Write(
            patched, NativeBackendLocator.ShimFileName, backendDirectory, PatchedShimCache.CacheRoots(options.CacheDirectory));
    }

    private static bool IsLibStdCxx(string file) => file.StartsWith("libstdc++.so", StringComparison.Ordinal);

    private static IntPtr Load(string path, string what)
    {
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (DllNotFoundException ex)
        {
            throw new TorchRuntimeException($"Could not load the {what} '{path}': {ex.Message}", ex);
        }
        catch (BadImageFormatException ex)
        {
            throw new TorchRuntimeException($"The {what} '{path}' is not a valid library for this platform: {ex.Message}", ex);
        }
    }

    private static IntPtr ResolveShim(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == ShimLibraryName ? _shimHandle : IntPtr.Zero;
}
