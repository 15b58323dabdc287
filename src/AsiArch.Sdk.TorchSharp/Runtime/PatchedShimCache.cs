using System.Security.Cryptography;
using System.Text;

namespace AsiArch.Sdk.TorchSharp.Runtime;

/// <summary>
/// Writes a copy of TorchSharp's native shim whose unsatisfiable version requirements are weak, next to symlinks to
/// the libtorch libraries it needs (its RUNPATH is <c>$ORIGIN/</c>), in a writable per-user cache directory.
/// </summary>
/// <remarks>
/// The cache key hashes the original bytes, the backend directory and the weakened versions, so different apps or
/// package versions never share an entry. Files are written to a unique temporary name and renamed into place, so
/// processes starting at the same time never see a half-written library.
/// </remarks>
internal static class PatchedShimCache
{
    /// <summary>The cache roots to try, in order.</summary>
    public static IReadOnlyList<string> CacheRoots(string? configured)
    {
        var roots = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            roots.Add(configured);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            roots.Add(Path.Combine(xdg, "asiarch", "natives"));
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrWhiteSpace(home))
        {
            roots.Add(Path.Combine(home, ".cache", "asiarch", "natives"));
        }

        roots.Add(Path.Combine(Path.GetTempPath(), "asiarch", "natives"));
        return roots;
    }

    /// <summary>Returns the path of the patched shim, writing it (and the sibling links) when missing or stale.</summary>
    /// <param name="patched">The patched shim bytes.</param>
    /// <param name="shimFileName">File name to give the copy.</param>
    /// <param name="backendDirectory">Directory of the libtorch libraries to link next to the copy.</param>
    /// <param name="roots">Cache roots to try in order; the first writable one is used.</param>
    /// <exception cref="TorchRuntimeException">No root was writable.</exception>
    public static string Write(byte[] patched, string shimFileName, string backendDirectory, IReadOnlyList<string> roots)
    {
        var key = CacheKey(patched, backendDirectory);
        var failures = new List<string>();
        foreach (var root in roots)
        {
            try
            {
                var dir = Path.Combine(root, key);
                Directory.CreateDirectory(dir);
                var target = Path.Combine(dir, shimFileName);
                if (!File.Exists(target) || !SameContent(target, patched))
                {
                    var temp = TempName(dir, shimFileName);
                    File.WriteAllBytes(temp, patched);
                    File.Move(temp, target, overwrite: true);
                }

                LinkSiblings(dir, shimFileName, backendDirectory);
                return target;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add($"{root}: {ex.Message}");
            }
        }

        throw new TorchRuntimeException(
            "Could not write the patched TorchSharp native library to any cache directory. Set "
            + $"{nameof(TorchRuntimeOptions)}.{nameof(TorchRuntimeOptions.CacheDirectory)} to a writable directory. "
            + "Tried: " + string.Join("; ", failures));
    }

    private static void LinkSiblings(string dir, string shimFileName, string backendDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(backendDirectory))
        {
            var name = Path.GetFileName(file);
            if (name == shimFileName || !name.Contains(".so", StringComparison.Ordinal))
            {
                continue;
            }

            var link = Path.Combine(dir, name);
            var existing = new FileInfo(link);
            if (existing.LinkTarget == file)
            {
                continue;
            }

            var temp = TempName(dir, name);
            File.CreateSymbolicLink(temp, file);
            File.Move(temp, link, overwrite: true);
        }
    }

    private static string CacheKey(byte[] patched, string backendDirectory)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(patched);
        sha.AppendData(Encoding.UTF8.GetBytes("\n" + backendDirectory));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..24];
    }

    private static bool SameContent(string path, byte[] expected)
    {
        var info = new FileInfo(path);
        return info.Length == expected.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(expected);
    }

    private static string TempName(string dir, string name) =>
        Path.Combine(dir, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
}
