namespace AsiArch.Sdk.Benchmarks;

/// <summary>A custom benchmark registered with <c>UseBenchmark&lt;T&gt;()</c>: its type, where the worker loads it from, and how it is scored.</summary>
public sealed record BenchmarkRegistration
{
    /// <summary>The benchmark class (public, with a public parameterless constructor).</summary>
    public required Type BenchmarkType { get; init; }

    /// <summary>What the benchmark measures (read from an instance at registration).</summary>
    public required BenchmarkDescriptor Descriptor { get; init; }

    /// <summary>The registered name (<see cref="BenchmarkDescriptor.Name"/>).</summary>
    public string Name => Descriptor.Name;

    /// <summary>Full path of the assembly the sandboxed worker loads the type from.</summary>
    public required string AssemblyPath { get; init; }

    /// <summary>Weight in the benchmark term of the fitness; 0 measures without scoring.</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>Task settings passed to <see cref="IBenchmark.PrepareAsync"/>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Training steps on this task; null uses the profile's.</summary>
    public int? Steps { get; init; }

    /// <summary>The profile entry this registration adds.</summary>
    public BenchmarkSpec ToSpec() => new(Name, Weight, Settings) { Steps = Steps };
}
