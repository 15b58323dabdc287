namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// A worker that probed and accepted a candidate and waits, the candidate loaded, for that candidate's training job
/// (<see cref="SandboxOptions.TrainInProbedWorker"/>); its scratch directory still holds the candidate's files.
/// </summary>
internal sealed class ProbedWorker(SandboxProcess process, string scratch, CandidateArtifact artifact) : IDisposable
{
    public SandboxProcess Process { get; } = process;

    public string Scratch { get; } = scratch;

    /// <summary>Whether this worker holds exactly <paramref name="candidate"/> (same type, same bytes).</summary>
    public bool Holds(CandidateArtifact candidate) =>
        ReferenceEquals(candidate, artifact)
        || (candidate.TypeName == artifact.TypeName && candidate.Assembly.AsSpan().SequenceEqual(artifact.Assembly));

    /// <summary>Kills the worker and deletes its scratch directory.</summary>
    public void Dispose()
    {
        Process.Dispose();
        ScratchDirectory.TryDelete(Scratch);
    }
}
