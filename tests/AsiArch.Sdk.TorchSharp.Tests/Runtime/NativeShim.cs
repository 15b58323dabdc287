using AsiArch.Sdk.TorchSharp.Runtime;
using TorchSharp;

namespace AsiArch.Sdk.TorchSharp.Tests.Runtime;

/// <summary>Finds the real TorchSharp shim and libtorch folder shipped into the test output.</summary>
internal static class NativeShim
{
    public static NativeBackendLayout Layout() =>
        NativeBackendLocator.Locate(NativeBackendLocator.CandidateDirectories(typeof(torch).Assembly.Location));

    public static string ShimPath() =>
        Layout().ShimPath ?? throw new InvalidOperationException("libLibTorchSharp.so is not in the test output.");
}
