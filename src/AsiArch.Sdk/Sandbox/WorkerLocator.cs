using System.Runtime.InteropServices;

namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// Finds <c>AsiArch.Sdk.Worker.dll</c> and builds the <c>dotnet exec</c> command for it, plus the application's libtorch
/// backend folder the worker loads. The <c>AsiArch.Sdk.TorchSharp</c> package copies the worker into
/// <c>asiarch-worker/</c> next to the application (build and publish); there it runs on its own deps file and runtime
/// config and ships without libtorch, so it uses the backend package the application references (CPU or CUDA). A worker
/// built into the application folder itself (a project reference) runs on the application's deps file when that one
/// lists TorchSharp and a libtorch backend.
/// </summary>
public static class WorkerLocator
{
    /// <summary>The worker's file name.</summary>
    public const string WorkerFileName = "AsiArch.Sdk.Worker.dll";

    /// <summary>The folder next to the application that the package copies the worker into.</summary>
    public const string WorkerFolderName = "asiarch-worker";

    /// <summary>Locates the worker.</summary>
    /// <exception cref="FileNotFoundException">The worker or the dotnet host cannot be found; the message says where it looked.</exception>
    public static WorkerLocation Locate(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var searched = new List<string>();
        string? worker = options.WorkerPath;
        if (worker is null)
        {
            var roots = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(WorkerLocator).Assembly.Location) ?? "" }
                .Where(d => d.Length > 0);
            foreach (var candidate in roots.SelectMany(d => new[] { Path.Combine(d, WorkerFolderName, WorkerFileName), Path.Combine(d, WorkerFileName) }))
            {
                searched.Add(candidate);
                if (File.Exists(candidate))
                {
                    worker = candidate;
                    break;
                }
            }
        }

        if (worker is null || !File.Exists(worker))
        {
            throw new FileNotFoundException(
                $"The AsiArch worker ({WorkerFileName}) was not found. Looked in: {string.Join(", ", searched.DefaultIfEmpty(worker ?? ""))}. "
                + $"Reference the AsiArch.Sdk.TorchSharp package (its build targets copy the worker into {WorkerFolderName}/ next to your app) or set SandboxOptions.WorkerPath.",
                worker ?? WorkerFileName);
        }

        worker = Path.GetFullPath(worker);
        var dotnet = options.DotnetHostPath ?? FindDotnetHost()
            ?? throw new FileNotFoundException(
                "The dotnet host was not found. The sandboxed worker is framework-dependent and needs the .NET 10 runtime, also for a self-contained app: "
                + "install it (dotnet on PATH or DOTNET_ROOT) or set SandboxOptions.DotnetHostPath or DOTNET_HOST_PATH.");

        var workerDir = Path.GetDirectoryName(worker)!;
        var workerBase = Path.Combine(workerDir, Path.GetFileNameWithoutExtension(worker));

        // Only a worker in the application folder can share the application's deps file: its assets resolve relative
        // to the worker's folder.
        var inAppFolder = string.Equals(
            Path.TrimEndingDirectorySeparator(workerDir),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(AppContext.BaseDirectory)),
            StringComparison.Ordinal);
        var args = new List<string> { "exec" };
        var runtimeConfig = workerBase + ".runtimeconfig.json";
        if (!File.Exists(runtimeConfig) && inAppFolder)
        {
            runtimeConfig = AppRuntimeConfig() ?? runtimeConfig;
        }

        if (File.Exists(runtimeConfig))
        {
            args.AddRange(["--runtimeconfig", runtimeConfig]);
        }

        var deps = inAppFolder ? ChooseDepsFile(workerBase + ".deps.json") : File.Exists(workerBase + ".deps.json") ? workerBase + ".deps.json" : null;
        if (deps is not null)
        {
            args.AddRange(["--depsfile", deps]);
        }

        args.Add(worker);
        var natives = FindTorchNativeDirectories();
        var readOnly = new List<string> { workerDir, Path.GetDirectoryName(dotnet)!, RuntimeEnvironment.GetRuntimeDirectory(), AppContext.BaseDirectory };
        if (deps is not null)
        {
            readOnly.Add(Path.GetDirectoryName(deps)!);
        }

        readOnly.AddRange(natives);
        return new WorkerLocation(dotnet, args, readOnly.Distinct(StringComparer.Ordinal).ToList()) { NativeLibraryDirectories = natives };
    }

    /// <summary>
    /// The folders of this process that hold a libtorch backend, in the order the .NET host probes them: the host's
    /// native search directories (from the deps file), the application folder and its <c>runtimes/&lt;rid&gt;/native</c>.
    /// </summary>
    public static IReadOnlyList<string> FindTorchNativeDirectories()
    {
        var dirs = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirectories)
        {
            dirs.AddRange(searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        dirs.Add(AppContext.BaseDirectory);
        dirs.Add(Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"));
        string[] markers = OperatingSystem.IsWindows() ? ["torch_cpu.dll", "torch_cuda.dll"]
            : OperatingSystem.IsMacOS() ? ["libtorch_cpu.dylib"]
            : ["libtorch_cpu.so", "libtorch_cuda.so"];
        return dirs
            .Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d)))
            .Distinct(StringComparer.Ordinal)
            .Where(d => markers.Any(m => File.Exists(Path.Combine(d, m))))
            .ToList();
    }

    private static string? ChooseDepsFile(string workerDeps)
    {
        // The app's deps file lists the native backend it chose (libtorch-cpu, CUDA); the worker's own does not.
        var appDeps = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault();
        if (appDeps is not null && File.Exists(appDeps))
        {
            var text = File.ReadAllText(appDeps);
            if (text.Contains("\"TorchSharp/", StringComparison.Ordinal) && text.Contains("libtorch", StringComparison.OrdinalIgnoreCase)
                && text.Contains("AsiArch.Sdk.TorchSharp", StringComparison.Ordinal))
            {
                return appDeps;
            }
        }

        return File.Exists(workerDeps) ? workerDeps : null;
    }

    private static string? AppRuntimeConfig()
    {
        var appDeps = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(Path.PathSeparator).FirstOrDefault();
        if (appDeps is null || !appDeps.EndsWith(".deps.json", StringComparison.Ordinal))
        {
            return null;
        }

        var config = appDeps[..^".deps.json".Length] + ".runtimeconfig.json";
        return File.Exists(config) ? config : null;
    }

    private static string? FindDotnetHost()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
        {
            return fromEnv;
        }

        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return process;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        var runtimeDir = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var host = Path.Combine(root, name);
        if (File.Exists(host))
        {
            return host;
        }

        // A self-contained app carries no dotnet host; the framework-dependent worker needs an installed runtime.
        var dotnetRoot = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(dotnetRoot))
        {
            candidates.Add(Path.Combine(dotnetRoot, name));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)));
        return candidates.FirstOrDefault(File.Exists);
    }
}
