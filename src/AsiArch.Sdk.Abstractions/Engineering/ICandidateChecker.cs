namespace AsiArch.Sdk;

/// <summary>
/// Checks a candidate source without running it: compiles it and applies the safety gate (and the contract's static
/// checks). A code repairer uses it to test its own fix before answering. Never loads or runs the code.
/// </summary>
public interface ICandidateChecker
{
    /// <summary>Checks the source.</summary>
    Task<CandidateCheckResult> CheckAsync(CandidateSource source, CancellationToken cancellationToken = default);
}
