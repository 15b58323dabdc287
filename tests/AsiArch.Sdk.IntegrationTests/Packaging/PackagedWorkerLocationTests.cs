using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.IntegrationTests.Packaging;

/// <summary>
/// How the host starts the worker the package copies into <c>asiarch-worker/</c>: on the worker's own deps file and
/// runtime config, with the application's libtorch folder handed over. No torch runs here.
/// </summary>
public sealed class PackagedWorkerLocationTests : IDisposable
{
    private readonly string _app = Path.Combine(Path.GetTempPath(), "asiarch-locator-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_app))
        {
            Directory.Delete(_app, recursive: true);
        }
    }

    [Fact]
    public void Locate_WorkerInItsOwnFolder_RunsOnItsOwnDepsAndRuntimeConfigWithTheAppsBackend()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_app, WorkerLocator.WorkerFolderName)).FullName;
        var worker = Path.Combine(folder, WorkerLocator.WorkerFileName);
        foreach (var file in new[] { worker, Path.Combine(folder, "AsiArch.Sdk.Worker.deps.json"), Path.Combine(folder, "AsiArch.Sdk.Worker.runtimeconfig.json") })
        {
            File.WriteAllText(file, "{}");
        }

        var location = WorkerLocator.Locate(new SandboxOptions { WorkerPath = worker });

        Assert.Equal(
            ["exec", "--runtimeconfig", Path.Combine(folder, "AsiArch.Sdk.Worker.runtimeconfig.json"), "--depsfile", Path.Combine(folder, "AsiArch.Sdk.Worker.deps.json"), worker],
            location.Arguments);
        var backend = Assert.Single(location.NativeLibraryDirectories);
        Assert.True(File.Exists(Path.Combine(backend, "libtorch_cpu.so")), backend);
        Assert.Contains(backend, location.ReadOnlyPaths);
        Assert.Contains(folder, location.ReadOnlyPaths);
    }

    [Fact]
    public void FindTorchNativeDirectories_AppReferencesTheCpuBackend_ReturnsTheFolderHoldingLibTorch()
    {
        var dirs = WorkerLocator.FindTorchNativeDirectories();

        Assert.NotEmpty(dirs);
        Assert.All(dirs, d => Assert.True(File.Exists(Path.Combine(d, "libtorch_cpu.so")), d));
    }

    [Fact]
    public void Locate_WorkerPathMissing_ThrowsNamingThePackageAndTheFolder()
    {
        var missing = Path.Combine(_app, "nowhere", WorkerLocator.WorkerFileName);

        var error = Assert.Throws<FileNotFoundException>(() => WorkerLocator.Locate(new SandboxOptions { WorkerPath = missing }));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("AsiArch.Sdk.TorchSharp", error.Message, StringComparison.Ordinal);
        Assert.Contains("asiarch-worker/", error.Message, StringComparison.Ordinal);
    }
}
