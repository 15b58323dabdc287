namespace AsiArch.Sdk;

/// <summary>
/// A compiled, gate-checked candidate: the bytes the sandboxed worker loads. The worker never compiles.
/// </summary>
public sealed record CandidateArtifact
{
    /// <summary>The source the bytes were compiled from.</summary>
    public required CandidateSource Source { get; init; }

    /// <summary>The portable-executable image of the candidate assembly.</summary>
    public required byte[] Assembly { get; init; }

    /// <summary>Portable PDB, so stack traces name <c>Layer.cs:line N</c>.</summary>
    public byte[]? Pdb { get; init; }

    /// <summary>Full name of the mixer type inside <see cref="Assembly"/>.</summary>
    public required string TypeName { get; init; }
}
