using System.Reflection;
using System.Runtime.Loader;

namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// Loads a user's benchmark assembly (trusted code, unlike candidates) and creates every public, non-abstract
/// <see cref="IBenchmark"/> class in it through its public parameterless constructor. The sandboxed worker calls this
/// for each path in the job's benchmark list, so custom tasks train where candidates train. Dependencies the process
/// does not already have are looked up next to the assembly.
/// </summary>
public static class BenchmarkAssemblyLoader
{
    private static readonly object Gate = new();
    private static readonly HashSet<string> ProbedDirectories = new(StringComparer.Ordinal);

    /// <summary>Creates the benchmarks defined in the assembly at <paramref name="assemblyPath"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The file is missing or not a .NET assembly, holds no benchmark class, or a benchmark class has no public
    /// parameterless constructor; the message names the file and the type.
    /// </exception>
    /// <exception cref="TargetInvocationException">A benchmark constructor threw.</exception>
    public static IReadOnlyList<IBenchmark> Load(string assemblyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyPath);
        var path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"Benchmark assembly '{path}' does not exist.", nameof(assemblyPath));
        }

        var assembly = LoadAssembly(path);
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            throw new ArgumentException(
                $"Benchmark assembly '{path}' has types that cannot be loaded: {string.Join("; ", ex.LoaderExceptions.Select(e => e?.Message).Distinct())}",
                nameof(assemblyPath),
                ex);
        }

        var benchmarkTypes = types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t)).ToList();
        if (benchmarkTypes.Count == 0)
        {
            throw new ArgumentException(
                $"Benchmark assembly '{path}' defines no public non-abstract class implementing IBenchmark.", nameof(assemblyPath));
        }

        var benchmarks = new List<IBenchmark>(benchmarkTypes.Count);
        foreach (var type in benchmarkTypes)
        {
            if (type.GetConstructor(Type.EmptyTypes) is not { } constructor)
            {
                throw new ArgumentException(
                    $"Benchmark {type.FullName} in '{path}' needs a public parameterless constructor: the worker creates it by type.",
                    nameof(assemblyPath));
            }

            benchmarks.Add((IBenchmark)constructor.Invoke(null));
        }

        return benchmarks;
    }

    private static Assembly LoadAssembly(string path)
    {
        AssemblyName name;
        try
        {
            name = AssemblyName.GetAssemblyName(path);
        }
        catch (BadImageFormatException ex)
        {
            throw new ArgumentException($"'{path}' is not a .NET assembly.", nameof(path), ex);
        }

        lock (Gate)
        {
            // An assembly of that name already in the process (e.g. the app itself) is reused: loading it twice would
            // give two distinct IBenchmark types.
            var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name) && a.GetName().Name == name.Name);
            if (loaded is not null)
            {
                return loaded;
            }

            var directory = Path.GetDirectoryName(path)!;
            if (ProbedDirectories.Add(directory))
            {
                AssemblyLoadContext.Default.Resolving += (context, dependency) =>
                {
                    var candidate = Path.Combine(directory, dependency.Name + ".dll");
                    return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
                };
            }

            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }
}
