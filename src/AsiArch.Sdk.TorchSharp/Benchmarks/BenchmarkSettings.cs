using System.Globalization;

namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>Reads and checks a benchmark's string settings, naming the benchmark and setting in every error.</summary>
internal sealed class BenchmarkSettings
{
    private readonly string _benchmark;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public BenchmarkSettings(string benchmark, IReadOnlyDictionary<string, string>? settings, IReadOnlyCollection<string> known)
    {
        _benchmark = benchmark;
        _settings = settings ?? new Dictionary<string, string>();
        foreach (var key in _settings.Keys)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Benchmark '{benchmark}' has no setting '{key}'. Known settings: {string.Join(", ", known)}.",
                    nameof(settings));
            }
        }
    }

    /// <summary>An integer setting in [min, max], or <paramref name="fallback"/> when absent.</summary>
    public int GetInt(string name, int fallback, int min, int max = int.MaxValue)
    {
        if (!_settings.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException(
                $"Benchmark '{_benchmark}' setting '{name}' must be an integer, got '{text}'.", name);
        }

        if (value < min || value > max)
        {
            var range = max == int.MaxValue ? $">= {min}" : $"in [{min}, {max}]";
            throw new ArgumentException(
                $"Benchmark '{_benchmark}' setting '{name}' must be {range}, got {value}.", name);
        }

        return value;
    }

    /// <summary>A number setting in [min, max], or <paramref name="fallback"/> when absent.</summary>
    public double GetDouble(string name, double fallback, double min, double max)
    {
        if (!_settings.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ArgumentException(
                $"Benchmark '{_benchmark}' setting '{name}' must be a number, got '{text}'.", name);
        }

        if (value < min || value > max)
        {
            throw new ArgumentException(
                $"Benchmark '{_benchmark}' setting '{name}' must be in [{min.ToString(CultureInfo.InvariantCulture)}, " +
                $"{max.ToString(CultureInfo.InvariantCulture)}], got {text}.", name);
        }

        return value;
    }

    /// <summary>A string setting, or null when absent; blank values are rejected.</summary>
    public string? GetString(string name)
    {
        if (!_settings.TryGetValue(name, out var text))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"Benchmark '{_benchmark}' setting '{name}' must not be empty.", name);
        }

        return text;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> with the benchmark's name in front of <paramref name="message"/>.</summary>
    public ArgumentException Invalid(string message, string paramName) =>
        new($"Benchmark '{_benchmark}': {message}", paramName);
}
