using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.Benchmarks;

/// <summary>Registers custom benchmarks: <c>builder.UseBenchmark&lt;ParityBenchmark&gt;(weight: 2)</c>.</summary>
public static class BenchmarkAsiArchBuilderExtensions
{
    /// <summary>
    /// Registers the benchmark <typeparamref name="T"/>: the sandboxed worker loads its assembly (trusted user code) and
    /// creates it by type, <see cref="BenchmarkCatalog.ApplyTo"/> adds it to a profile with <paramref name="weight"/>, and
    /// the fitness scorer reads its <see cref="BenchmarkDescriptor.PrimaryMetric"/> (unless configuration names another
    /// under <c>AsiArch:Loop:Fitness:PrimaryMetrics</c>). Call once per benchmark; a later registration of the same
    /// name replaces the earlier one.
    /// </summary>
    /// <typeparam name="T">A public class with a public parameterless constructor, in an assembly on disk.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="weight">Weight in the benchmark term of the fitness (0 measures without scoring).</param>
    /// <param name="settings">Task settings passed to <see cref="IBenchmark.PrepareAsync"/>.</param>
    /// <param name="steps">Training steps on this task; null uses the profile's.</param>
    /// <exception cref="ArgumentException">The type, its descriptor or the weight cannot work; the message says why.</exception>
    public static AsiArchBuilder UseBenchmark<T>(
        this AsiArchBuilder builder,
        double weight = 1.0,
        IReadOnlyDictionary<string, string>? settings = null,
        int? steps = null)
        where T : class, IBenchmark, new() =>
        builder.UseBenchmark(typeof(T), weight, settings, steps);

    /// <summary>Registers the benchmark class <paramref name="benchmarkType"/>; see <see cref="UseBenchmark{T}"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="benchmarkType">A public <see cref="IBenchmark"/> class with a public parameterless constructor.</param>
    /// <param name="weight">Weight in the benchmark term of the fitness (0 measures without scoring).</param>
    /// <param name="settings">Task settings passed to <see cref="IBenchmark.PrepareAsync"/>.</param>
    /// <param name="steps">Training steps on this task; null uses the profile's.</param>
    /// <exception cref="ArgumentException">The type, its descriptor or the weight cannot work; the message says why.</exception>
    public static AsiArchBuilder UseBenchmark(
        this AsiArchBuilder builder,
        Type benchmarkType,
        double weight = 1.0,
        IReadOnlyDictionary<string, string>? settings = null,
        int? steps = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var registration = Describe(benchmarkType, weight, settings, steps);
        var catalog = Catalog(builder.Services);
        catalog.Add(registration);
        builder.Services.Configure<SandboxOptions>(o =>
        {
            if (!o.BenchmarkAssemblies.Contains(registration.AssemblyPath, StringComparer.Ordinal))
            {
                o.BenchmarkAssemblies.Add(registration.AssemblyPath);
            }
        });
        builder.Services.Configure<FitnessOptions>(o => o.PrimaryMetrics.TryAdd(registration.Name, registration.Descriptor.PrimaryMetric));
        return builder;
    }

    /// <summary>Checks <paramref name="benchmarkType"/> and reads its descriptor from an instance.</summary>
    /// <exception cref="ArgumentException">The type, its descriptor or the weight cannot work.</exception>
    public static BenchmarkRegistration Describe(
        Type benchmarkType,
        double weight = 1.0,
        IReadOnlyDictionary<string, string>? settings = null,
        int? steps = null)
    {
        ArgumentNullException.ThrowIfNull(benchmarkType);
        var name = benchmarkType.FullName ?? benchmarkType.Name;
        if (!typeof(IBenchmark).IsAssignableFrom(benchmarkType) || !benchmarkType.IsClass || benchmarkType.IsAbstract)
        {
            throw new ArgumentException($"{name} is not a concrete class implementing IBenchmark.", nameof(benchmarkType));
        }

        if (!(benchmarkType.IsPublic || benchmarkType.IsNestedPublic) || benchmarkType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException(
                $"Benchmark {name} must be public with a public parameterless constructor: the sandboxed worker creates it from its assembly by type.",
                nameof(benchmarkType));
        }

        var assembly = benchmarkType.Assembly;
        if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location) || !File.Exists(assembly.Location))
        {
            throw new ArgumentException(
                $"Benchmark {name} lives in an assembly without a file on disk; the sandboxed worker can only load benchmarks from assembly files.",
                nameof(benchmarkType));
        }

        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A benchmark weight must be finite and non-negative.");
        }

        if (steps is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "Benchmark steps must be positive.");
        }

        var descriptor = ((IBenchmark)Activator.CreateInstance(benchmarkType)!).Descriptor
            ?? throw new ArgumentException($"Benchmark {name} has no descriptor.", nameof(benchmarkType));
        if (string.IsNullOrWhiteSpace(descriptor.Name) || string.IsNullOrWhiteSpace(descriptor.PrimaryMetric))
        {
            throw new ArgumentException($"Benchmark {name} needs a descriptor name and primary metric.", nameof(benchmarkType));
        }

        if (weight > 0 && !descriptor.HigherIsBetter)
        {
            throw new ArgumentException(
                $"Benchmark '{descriptor.Name}' scores '{descriptor.PrimaryMetric}' where lower is better, but the fitness averages metrics where higher is better. " +
                "Register it with weight 0 (measured, not scored), use it as the profile's LossTask, or report a higher-is-better metric.",
                nameof(weight));
        }

        return new BenchmarkRegistration
        {
            BenchmarkType = benchmarkType,
            Descriptor = descriptor,
            AssemblyPath = Path.GetFullPath(assembly.Location),
            Weight = weight,
            Settings = settings ?? new Dictionary<string, string>(),
            Steps = steps,
        };
    }

    private static BenchmarkCatalog Catalog(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(BenchmarkCatalog) && d.ImplementationInstance is BenchmarkCatalog);
        if (existing?.ImplementationInstance is BenchmarkCatalog catalog)
        {
            return catalog;
        }

        catalog = new BenchmarkCatalog();
        services.AddSingleton(catalog);
        return catalog;
    }
}
