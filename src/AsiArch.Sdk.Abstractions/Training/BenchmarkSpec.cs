namespace AsiArch.Sdk;

/// <summary>One benchmark task of a profile, with its weight in the benchmark term of the fitness.</summary>
public sealed record BenchmarkSpec
{
    /// <summary>Creates a spec.</summary>
    public BenchmarkSpec(string name, double weight = 1.0, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A benchmark weight must be finite and non-negative.");
        }

        Name = name;
        Weight = weight;
        Settings = settings ?? new Dictionary<string, string>();
    }

    /// <summary>Registered benchmark name (e.g. <c>mqar</c>).</summary>
    public string Name { get; init; }

    /// <summary>Weight in the benchmark mean; 0 measures the task without scoring it.</summary>
    public double Weight { get; init; }

    /// <summary>Task settings (e.g. <c>pairs=16</c>), interpreted by the benchmark.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>Steps to train on this task; null uses the profile's <see cref="TrainingProfile.Steps"/>.</summary>
    public int? Steps { get; init; }
}
