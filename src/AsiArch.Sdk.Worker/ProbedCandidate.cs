using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.TorchSharp;

namespace AsiArch.Sdk.Worker;

/// <summary>
/// A candidate this worker has probed and accepted, kept loaded for its training (<c>StayForTraining</c>): the bytes
/// and type it was loaded from, so a follow-up job for anything else is refused rather than run on the wrong code.
/// </summary>
internal sealed class ProbedCandidate(LoadedMixer mixer, byte[] assemblyBytes, string typeName) : IDisposable
{
    public LoadedMixer Mixer { get; } = mixer;

    /// <summary>Whether <paramref name="job"/> trains exactly this candidate.</summary>
    public bool IsTrainingOf(WorkerJob job, ReadOnlySpan<byte> jobAssembly) =>
        job.Kind == WorkerJob.TrainKind && job.TypeName == typeName && jobAssembly.SequenceEqual(assemblyBytes);

    public void Dispose() => Mixer.Dispose();
}
