using System.Diagnostics.CodeAnalysis;

namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// Maps benchmark names (case-insensitive) to tasks: the built-in <c>mqar</c>, <c>selective_copy</c>,
/// <c>induction</c> and <c>lm</c>, plus any a user registers. Thread-safe.
/// </summary>
public sealed class BenchmarkRegistry
{
    private readonly Dictionary<string, IBenchmark> _benchmarks = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    /// <summary>Creates a registry holding the built-in tasks.</summary>
    public BenchmarkRegistry()
    {
        Register(new MqarBenchmark());
        Register(new SelectiveCopyBenchmark());
        Register(new InductionBenchmark());
        Register(new LanguageModelingBenchmark());
    }

    /// <summary>Registered names, sorted.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _benchmarks.Keys.Order(StringComparer.OrdinalIgnoreCase)];
            }
        }
    }

    /// <summary>Registers <paramref name="benchmark"/> under its descriptor's name, replacing a task of that name.</summary>
    public BenchmarkRegistry Register(IBenchmark benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        var name = benchmark.Descriptor?.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"Benchmark {benchmark.GetType().FullName} has no descriptor name.", nameof(benchmark));
        }

        lock (_gate)
        {
            _benchmarks[name] = benchmark;
        }

        return this;
    }

    /// <summary>The task named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No task has that name; the message lists the registered ones.</exception>
    public IBenchmark Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return TryGet(name, out var benchmark)
            ? benchmark
            : throw new ArgumentException(
                $"Unknown benchmark '{name}'. Known benchmarks: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Looks up the task named <paramref name="name"/>.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out IBenchmark? benchmark)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return _benchmarks.TryGetValue(name, out benchmark);
        }
    }
}
