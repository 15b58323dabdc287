using System.Runtime.InteropServices;

namespace AsiArch.Sdk.TorchSharp.Runtime;

/// <summary>Finds the system libraries this process actually uses (Linux).</summary>
internal static class SystemLibraries
{
    /// <summary>
    /// Path of the <c>libstdc++.so.6</c> mapped into this process (loading it by name first, as the dynamic linker
    /// would), or null when it cannot be determined.
    /// </summary>
    public static string? FindLoadedLibStdCxx()
    {
        var mapped = FindMapped("libstdc++.so");
        if (mapped is not null)
        {
            return mapped;
        }

        // Not mapped yet: load it by soname so the answer is the same library the linker will bind to.
        return NativeLibrary.TryLoad("libstdc++.so.6", out _) ? FindMapped("libstdc++.so") : null;
    }

    private static string? FindMapped(string fileNamePrefix)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            // address perms offset dev inode path
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..].Trim();
            if (Path.GetFileName(path).StartsWith(fileNamePrefix, StringComparison.Ordinal) && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
