using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace AsiArch.Sdk.Engineering.Compilation;

/// <summary>
/// Compiles candidate source to an in-memory assembly and portable PDB with <see cref="CSharpCompilation"/>. Nothing is
/// loaded: the bytes go to the sandboxed worker. Results are cached by source hash, so a repeated source (a retried
/// experiment, the CLI checking a file twice) costs nothing.
/// </summary>
/// <remarks>Thread-safe. The first compilation in a process pays about a second of Roslyn warm-up; later ones 10-25 ms.</remarks>
public sealed class CandidateCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);

    private readonly CandidateCompilerOptions _options;
    private readonly Lazy<IReadOnlyList<MetadataReference>> _references;
    private readonly Lazy<IReadOnlyList<MetadataReference>> _fullReferences;
    private readonly ConcurrentDictionary<string, CompiledCandidate> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _cacheOrder = new();

    /// <summary>Creates a compiler.</summary>
    public CandidateCompiler(CandidateCompilerOptions? options = null)
    {
        _options = options ?? new CandidateCompilerOptions();
        _references = new Lazy<IReadOnlyList<MetadataReference>>(
            () => (_options.ReferencePaths ?? CandidateReferences.Discover())
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToList(),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _fullReferences = new Lazy<IReadOnlyList<MetadataReference>>(
            () =>
            {
                var names = new HashSet<string>(References.Select(r => Path.GetFileName(r.Display ?? "")), StringComparer.OrdinalIgnoreCase);
                var framework = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
                    .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                    .Where(p => p.StartsWith(Path.GetDirectoryName(typeof(object).Assembly.Location)!, StringComparison.Ordinal))
                    .Where(p => names.Add(Path.GetFileName(p)))
                    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
                return References.Concat(framework).ToList();
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// A compilation of <paramref name="source"/> against the whole framework, never emitted. When a candidate fails to
    /// compile because it names APIs outside the candidate references (System.Net, expression trees, dynamic), the
    /// safety gate runs on this one so the rejection names the forbidden API instead of a missing namespace.
    /// </summary>
    public CSharpCompilation CreateDiagnosticCompilation(CandidateSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tree = CSharpSyntaxTree.ParseText(source.Code, ParseOptions, path: source.FileName, encoding: System.Text.Encoding.UTF8);
        return CSharpCompilation.Create(
            "AsiArchCandidateDiagnosis",
            [tree],
            _fullReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, concurrentBuild: false));
    }

    /// <summary>The metadata references candidates compile against.</summary>
    public IReadOnlyList<MetadataReference> References => _references.Value;

    /// <summary>Compiles <paramref name="source"/>.</summary>
    /// <returns>The image and PDB, or a <see cref="FailureKind.CompileError"/> failure.</returns>
    public CompiledCandidate Compile(CandidateSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var key = source.Hash + ":" + source.FileName;
        if (_options.CacheCapacity > 0 && _cache.TryGetValue(key, out var cached))
        {
            return cached with { FromCache = true, Duration = TimeSpan.Zero };
        }

        var result = CompileUncached(source);
        if (_options.CacheCapacity > 0 && _cache.TryAdd(key, result))
        {
            _cacheOrder.Enqueue(key);
            while (_cache.Count > _options.CacheCapacity && _cacheOrder.TryDequeue(out var oldest))
            {
                _cache.TryRemove(oldest, out _);
            }
        }

        return result;
    }

    private CompiledCandidate CompileUncached(CandidateSource source)
    {
        var started = Stopwatch.GetTimestamp();
        var tree = CSharpSyntaxTree.ParseText(source.Code, ParseOptions, path: source.FileName, encoding: System.Text.Encoding.UTF8);
        var compilation = CSharpCompilation.Create(
            "AsiArchCandidate_" + source.Hash[..16],
            [tree],
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: true, // so the gate, not the compiler, rejects unsafe code with its own id
                nullableContextOptions: NullableContextOptions.Disable,
                deterministic: true,
                concurrentBuild: false));

        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emit = compilation.Emit(
            pe,
            pdb,
            options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (!emit.Success || errors.Count > 0)
        {
            var lines = CandidateDiagnosticFormatter.Format(errors, _options.MaxDiagnostics);
            var first = errors.Count > 0 ? errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture) : "emit failed";
            return new CompiledCandidate
            {
                Source = source,
                Compilation = compilation,
                Duration = elapsed,
                Failure = new ExperimentFailure(
                    FailureKind.CompileError,
                    $"The candidate does not compile: {errors.Count} error(s); first: {first}",
                    lines),
            };
        }

        return new CompiledCandidate
        {
            Source = source,
            Compilation = compilation,
            Assembly = pe.ToArray(),
            Pdb = pdb.ToArray(),
            Duration = elapsed,
        };
    }
}
