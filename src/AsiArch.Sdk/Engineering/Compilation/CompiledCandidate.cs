namespace AsiArch.Sdk.Engineering.Compilation;

/// <summary>
/// The outcome of compiling one candidate source: the in-memory image and PDB, or a <see cref="FailureKind.CompileError"/>
/// failure with diagnostics formatted for a model. Nothing in it has been loaded or run.
/// </summary>
public sealed record CompiledCandidate
{
    /// <summary>The source that was compiled.</summary>
    public required CandidateSource Source { get; init; }

    /// <summary>The portable-executable image, when compilation succeeded.</summary>
    public byte[]? Assembly { get; init; }

    /// <summary>The portable PDB, when compilation succeeded.</summary>
    public byte[]? Pdb { get; init; }

    /// <summary>The Roslyn compilation (kept for the safety gate's semantic model).</summary>
    public required Microsoft.CodeAnalysis.CSharp.CSharpCompilation Compilation { get; init; }

    /// <summary>Why it did not compile, or null.</summary>
    public ExperimentFailure? Failure { get; init; }

    /// <summary>True when the result came from the compile cache.</summary>
    public bool FromCache { get; init; }

    /// <summary>Time spent compiling (zero for a cache hit).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>True when <see cref="Assembly"/> is present and there is no failure.</summary>
    public bool Succeeded => Failure is null && Assembly is not null;
}
