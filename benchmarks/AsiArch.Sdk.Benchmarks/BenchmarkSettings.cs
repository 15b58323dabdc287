using System.Globalization;

namespace AsiArch.Sdk.Benchmarks;

/// <summary>
/// The <c>key=value</c> arguments of a macro benchmark (other arguments are ignored), and <see cref="Option"/> for
/// benchmarks that take <c>--name value</c> pairs.
/// </summary>
internal sealed class BenchmarkSettings(IReadOnlyList<string> args)
{
    private readonly Dictionary<string, string> _values = args
        .Select(a => a.Split('=', 2))
        .Where(p => p.Length == 2)
        .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>The integer given for <paramref name="key"/>, or <paramref name="fallback"/>.</summary>
    /// <exception cref="FormatException">The value is not an integer.</exception>
    public int Int(string key, int fallback) =>
        _values.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The text given for <paramref name="key"/>, or <paramref name="fallback"/>.</summary>
    public string Text(string key, string fallback) => _values.GetValueOrDefault(key, fallback);

    /// <summary>The value after <paramref name="name"/> (<c>--name value</c>), or null when it is not given.</summary>
    public static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }
}
