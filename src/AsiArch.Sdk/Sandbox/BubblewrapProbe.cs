using System.Collections.Concurrent;
using System.Diagnostics;

namespace AsiArch.Sdk.Sandbox;

/// <summary>Finds bubblewrap and checks once per path that it can create the namespaces the sandbox needs.</summary>
internal static class BubblewrapProbe
{
    private static readonly ConcurrentDictionary<string, bool> Works = new(StringComparer.Ordinal);

    /// <summary>The bubblewrap path to use, or null when it is missing or does not work here.</summary>
    public static string? Find(string? configured)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var path = configured ?? FindOnPath("bwrap");
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        return Works.GetOrAdd(path, Check) ? path : null;
    }

    private static bool Check(string path)
    {
        try
        {
            var psi = new ProcessStartInfo(path)
            {
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var arg in new[] { "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net", "--unshare-pid", "--new-session", "--die-with-parent", "--", "/bin/true" })
            {
                psi.ArgumentList.Add(arg);
            }

            using var process = Process.Start(psi)!;
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
    }
}
