namespace AsiArch.Sdk;

/// <summary>
/// ASI-ARCH's Engineer: compiles a proposal, checks it (safety gate, contract, sanity probes), trains it and runs the
/// benchmarks, repairing its own code on failure within a bounded number of attempts.
/// </summary>
/// <remarks>Candidate code is untrusted: implementations must never run it in the host process.</remarks>
public interface IEngineer : IAsiArchComponent
{
    /// <summary>Compile, gate and probe the proposal, repairing when allowed.</summary>
    Task<ImplementationResult> ImplementAsync(ImplementationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Train the artifact on the profile and run its benchmarks, repairing runtime failures when allowed.</summary>
    Task<EvaluationResult> EvaluateAsync(
        EvaluationRequest request,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
