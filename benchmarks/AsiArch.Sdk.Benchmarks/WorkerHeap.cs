using System.Diagnostics;
using System.Reflection;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Benchmarks;

/// <summary>
/// Runs a benchmark under the workers' C-heap settings (<see cref="SandboxLauncher.WorkerHeapEnvironment"/>). glibc reads
/// them at start-up only, so the program starts itself again with them. In-process with glibc's defaults the DeltaNet
/// layer's forward+backward at T = 2048 took 134-250 ms from run to run, with them 114-120 ms (docs/benchmarks.md).
/// </summary>
internal static class WorkerHeap
{
    /// <summary>Whether this process started with every setting.</summary>
    public static bool Applied => SandboxLauncher.WorkerHeapEnvironment.All(p => Environment.GetEnvironmentVariable(p.Key) == p.Value);

    /// <summary>Runs this program again with <paramref name="args"/> and the settings; returns its exit code.</summary>
    public static async Task<int> RunChildAsync(string[] args, CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var psi = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            psi.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in SandboxLauncher.WorkerHeapEnvironment)
        {
            psi.Environment[name] = value;
        }

        using var child = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {host}.");
        try
        {
            await child.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw;
        }

        return child.ExitCode;
    }
}
