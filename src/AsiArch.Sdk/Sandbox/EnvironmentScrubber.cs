using System.Collections;

namespace AsiArch.Sdk.Sandbox;

/// <summary>Builds the worker's environment from an allow-list; credentials never pass.</summary>
internal static class EnvironmentScrubber
{
    private static readonly string[] CredentialMarkers = ["KEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD", "CONNECTION", "CREDENTIAL", "AUTH"];

    /// <summary>True when a variable name looks like it holds a credential.</summary>
    public static bool LooksLikeCredential(string name) =>
        CredentialMarkers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>The allowed subset of <paramref name="current"/>, then <paramref name="extra"/>.</summary>
    public static Dictionary<string, string> Build(IDictionary current, IEnumerable<string> allowed, IReadOnlyDictionary<string, string> extra)
    {
        var allowSet = new HashSet<string>(allowed, StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in current)
        {
            if (entry.Key is string name && entry.Value is string value && allowSet.Contains(name) && !LooksLikeCredential(name))
            {
                result[name] = value;
            }
        }

        foreach (var (name, value) in extra)
        {
            if (!LooksLikeCredential(name))
            {
                result[name] = value;
            }
        }

        return result;
    }
}
