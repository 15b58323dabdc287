using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace AsiArch.Sdk.Engineering.Compilation;

/// <summary>
/// Finds the assemblies a candidate may compile against: a small set of BCL assemblies, TorchSharp and
/// AsiArch.Sdk.TorchSharp (plus the BCL assemblies those two reference, so their signatures bind). The safety gate,
/// not the reference list, is what enforces the allowed API; a short list keeps compilation fast and errors clear.
/// </summary>
public static class CandidateReferences
{
    /// <summary>File names (without extension) of the SDK assemblies a candidate uses.</summary>
    public static IReadOnlyList<string> SdkAssemblies { get; } = ["TorchSharp", "AsiArch.Sdk.TorchSharp"];

    private static readonly string[] BclAssemblies =
    [
        "System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Linq", "System.Memory",
        "System.Runtime.InteropServices", "netstandard",
    ];

    /// <summary>
    /// Discovers the reference set from the running application: SDK assemblies next to the app or on its trusted
    /// platform list, BCL assemblies from the runtime.
    /// </summary>
    /// <param name="extraDirectories">More directories to look for TorchSharp and AsiArch.Sdk.TorchSharp in.</param>
    /// <returns>Absolute paths, no duplicates.</returns>
    public static IReadOnlyList<string> Discover(IEnumerable<string>? extraDirectories = null)
    {
        var trusted = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string name)
        {
            if (seen.Contains(name) || !trusted.TryGetValue(name, out var path) || !File.Exists(path))
            {
                return;
            }

            seen.Add(name);
            result.Add(path);
        }

        foreach (var name in BclAssemblies)
        {
            Add(name);
        }

        var directories = new List<string> { AppContext.BaseDirectory };
        directories.AddRange(extraDirectories ?? []);
        foreach (var sdk in SdkAssemblies)
        {
            var path = directories.Select(d => Path.Combine(d, sdk + ".dll")).FirstOrDefault(File.Exists)
                ?? (trusted.TryGetValue(sdk, out var t) && File.Exists(t) ? t : null);
            if (path is null || !seen.Add(sdk))
            {
                continue;
            }

            result.Add(path);
            foreach (var reference in ReferencedAssemblyNames(path))
            {
                Add(reference);
            }
        }

        return result;
    }

    /// <summary>True when both SDK assemblies are in <paramref name="paths"/>.</summary>
    public static bool HasTorch(IEnumerable<string> paths) =>
        SdkAssemblies.All(s => paths.Any(p => string.Equals(Path.GetFileNameWithoutExtension(p), s, StringComparison.OrdinalIgnoreCase)));

    private static IEnumerable<string> ReferencedAssemblyNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
    }
}
