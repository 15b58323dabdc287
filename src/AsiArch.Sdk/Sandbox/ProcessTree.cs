using System.Diagnostics;
using System.Globalization;

namespace AsiArch.Sdk.Sandbox;

/// <summary>Linux process-tree helpers: descendants through <c>/proc</c>, resident memory, kill by pid.</summary>
internal static class ProcessTree
{
    /// <summary>The pid and every descendant pid.</summary>
    public static List<int> Descendants(int root)
    {
        var result = new List<int> { root };
        if (!OperatingSystem.IsLinux())
        {
            return result;
        }

        for (var i = 0; i < result.Count && result.Count < 10_000; i++)
        {
            var taskDir = $"/proc/{result[i]}/task";
            try
            {
                foreach (var task in Directory.EnumerateDirectories(taskDir))
                {
                    var children = File.ReadAllText(Path.Combine(task, "children"));
                    foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (int.TryParse(child, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && !result.Contains(pid))
                        {
                            result.Add(pid);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked.
            }
        }

        return result;
    }

    /// <summary>Summed resident memory of a tree, in bytes.</summary>
    public static long ResidentBytes(int root)
    {
        long total = 0;
        foreach (var pid in Descendants(root))
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        if (parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
                        {
                            total += kb * 1024;
                        }

                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone.
            }
        }

        return total;
    }

    /// <summary>Kills a tree: every descendant found first, then the root.</summary>
    public static void KillTree(int root)
    {
        var pids = Descendants(root);
        for (var i = pids.Count - 1; i >= 0; i--)
        {
            KillPid(pids[i]);
        }
    }

    /// <summary>Kills one process, ignoring one that is already gone.</summary>
    public static void KillPid(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already exited.
        }
    }
}
