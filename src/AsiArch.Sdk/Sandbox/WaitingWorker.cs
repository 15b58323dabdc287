namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// A worker process waiting on standard input for its next job, with its scratch directory: a blank one (libtorch
/// loaded, no candidate) or one that has probed <see cref="CandidateHash"/> and may train that candidate only.
/// </summary>
internal sealed class WaitingWorker(SandboxProcess process, string scratch, string? candidateHash = null, bool mayTrainOnAuto = false) : IDisposable
{
    public SandboxProcess Process { get; } = process;

    public string Scratch { get; } = scratch;

    /// <summary>SHA-256 of the candidate assembly it already ran, or null for a blank worker.</summary>
    public string? CandidateHash { get; } = candidateHash;

    /// <summary>
    /// True when a training job with <see cref="ComputeDevice.Auto"/> would run on the CPU anyway (the worker found no
    /// CUDA backend), so this CPU-initialised process can take it.
    /// </summary>
    public bool MayTrainOnAuto { get; } = mayTrainOnAuto;

    /// <summary>Kills the worker and deletes its scratch directory.</summary>
    public void Dispose()
    {
        Process.Dispose();
        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort, as for every scratch directory.
        }
    }
}
