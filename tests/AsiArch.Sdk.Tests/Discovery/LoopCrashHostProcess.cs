using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace AsiArch.Sdk.Tests.Discovery;

/// <summary>Runs tests/hosts/LoopCrashHost as a child process.</summary>
internal static class LoopCrashHostProcess
{
    /// <summary>Starts the host; see its Program.cs for the arguments.</summary>
    public static Process Start(string db, string calls, int budget, int killAfterCommits, int trainerDelayMs)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { HostPath(), db, calls, Text(budget), Text(killAfterCommits), Text(trainerDelayMs) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the loop crash host.");
    }

    /// <summary>Waits for the host; true when it finished the run (printed DONE and exited 0).</summary>
    public static async Task<(bool Finished, string Output)> WaitAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        var output = await stdout + await stderr;
        return (process.ExitCode == 0 && output.Contains("DONE", StringComparison.Ordinal), output);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string HostPath()
    {
        var path = Path.GetFullPath(typeof(LoopCrashHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "LoopCrashHostPath").Value!);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The loop crash host was not built at '{path}'; build AsiArch.Sdk.Tests first.", path);
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet"
            ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }
}
