namespace AsiArch.Sdk.Engineering.Compilation;

/// <summary>Settings of <see cref="CandidateCompiler"/>.</summary>
public sealed class CandidateCompilerOptions
{
    /// <summary>
    /// Paths of the assemblies a candidate compiles against. Null uses <see cref="CandidateReferences.Discover"/>: the BCL
    /// assemblies the candidate contract needs, TorchSharp and AsiArch.Sdk.TorchSharp.
    /// </summary>
    public IReadOnlyList<string>? ReferencePaths { get; set; }

    /// <summary>Compiled sources kept in the cache (keyed by source hash); 0 disables the cache.</summary>
    public int CacheCapacity { get; set; } = 256;

    /// <summary>Most diagnostics reported per failure (the first ones are the useful ones).</summary>
    public int MaxDiagnostics { get; set; } = 20;
}
