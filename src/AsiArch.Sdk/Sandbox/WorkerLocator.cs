using System.Runtime.InteropServices;

namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// Finds <c>AsiArch.Sdk.Worker.dll</c> and builds the <c>dotnet exec</c> command for it. The worker ships next to the
/// application (it comes with the package); it runs on the application's deps file when that one lists TorchSharp and
/// a libtorch backend, so the worker resolves the same managed and native libraries as the app.
/// </summary>
public static class WorkerLocator
{
    /// <summary>The worker's file name.</summary>
    public const string WorkerFileName = "AsiArch.Sdk.Worker.dll";

    /// <summary>Locates the worker.</summary>
    /// <exception cref="FileNotFoundException">The worker or the dotnet host cannot be found; the message says where it looked.</exception>
    public static WorkerLocation Locate(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var searched = new List<string>();
        string? worker = options.WorkerPath;
        if (worker is null)
        {
            foreach (var dir in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(WorkerLocator).Assembly.Location) ?? "" }.Where(d => d.Length > 0))
            {
                var candidate = Path.Combine(dir, WorkerFileName);
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
                + "Reference the AsiArch.Sdk.TorchSharp package (it copies the worker next to your app) or set SandboxOptions.WorkerPath.",
                worker ?? WorkerFileName);
        }

        worker = Path.GetFullPath(worker);
        var dotnet = options.DotnetHostPath ?? FindDotnetHost()
            ?? throw new FileNotFoundException("The dotnet host was not found. Set SandboxOptions.DotnetHostPath or DOTNET_HOST_PATH.");

        var workerDir = Path.GetDirectoryName(worker)!;
        var workerBase = Path.Combine(workerDir, Path.GetFileNameWithoutExtension(worker));
        var args = new List<string> { "exec" };
        var runtimeConfig = workerBase + ".runtimeconfig.json";
        if (!File.Exists(runtimeConfig))
        {
            runtimeConfig = AppRuntimeConfig() ?? runtimeConfig;
        }

        if (File.Exists(runtimeConfig))
        {
            args.AddRange(["--runtimeconfig", runtimeConfig]);
        }

        var deps = ChooseDepsFile(workerBase + ".deps.json");
        if (deps is not null)
        {
            args.AddRange(["--depsfile", deps]);
        }

        args.Add(worker);
        var readOnly = new List<string> { workerDir, Path.GetDirectoryName(dotnet)!, RuntimeEnvironment.GetRuntimeDirectory(), AppContext.BaseDirectory };
        if (deps is not null)
        {
            readOnly.Add(Path.GetDirectoryName(deps)!);
        }

        return new WorkerLocation(dotnet, args, readOnly.Distinct(StringComparer.Ordinal).ToList());
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
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : null;
    }
}
