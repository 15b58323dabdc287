using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>Runs tests/hosts/PgLoopHost as a child process.</summary>
internal static class PgLoopHostProcess
{
    /// <summary>Starts the host; see its Program.cs for the arguments.</summary>
    public static Process Start(string connectionString, string schema, int budget, int leaseMs, int trainerDelayMs, string ledger, int killAtTraining = 0)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { HostPath(), connectionString, schema, Text(budget), Text(leaseMs), Text(trainerDelayMs), ledger, Text(killAtTraining) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the PostgreSQL loop host.");
    }

    /// <summary>Waits for the host; true when it finished the run (printed DONE and exited 0).</summary>
    public static async Task<(bool Finished, string Output)> WaitAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The loop host {process.Id} did not finish within {timeout}.");
        }

        var output = await stdout + await stderr;
        return (process.ExitCode == 0 && output.Contains("DONE", StringComparison.Ordinal), output);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string HostPath()
    {
        var path = Path.GetFullPath(typeof(PgLoopHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PgLoopHostPath").Value!);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The loop host was not built at '{path}'; build AsiArch.Sdk.PostgreSql.Tests first.", path);
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet"
            ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }
}
