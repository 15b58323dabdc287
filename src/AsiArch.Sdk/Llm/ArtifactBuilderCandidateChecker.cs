using AsiArch.Sdk.Engineering;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// The repairer's <c>check_candidate</c> tool on the engineer's own <see cref="ArtifactBuilder"/>: Roslyn compile,
/// safety gate and contract check in the host, as the engineer does before anything reaches the worker. Nothing is
/// loaded or run.
/// </summary>
public sealed class ArtifactBuilderCandidateChecker : ICandidateChecker
{
    private const int MaxDiagnostics = 40;
    private readonly ArtifactBuilder _builder;

    /// <summary>Creates the checker over <paramref name="builder"/> (default: the default compiler and gate).</summary>
    public ArtifactBuilderCandidateChecker(ArtifactBuilder? builder = null)
    {
        _builder = builder ?? new ArtifactBuilder();
    }

    /// <inheritdoc />
    public Task<CandidateCheckResult> CheckAsync(CandidateSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        cancellationToken.ThrowIfCancellationRequested();
        var result = _builder.Build(source);
        if (result.Succeeded)
        {
            return Task.FromResult(CandidateCheckResult.Pass);
        }

        var failure = result.Failure!;
        var diagnostics = new List<string> { failure.Message };
        diagnostics.AddRange(failure.Diagnostics.Take(MaxDiagnostics));
        return Task.FromResult(new CandidateCheckResult { Passed = false, Kind = failure.Kind, Diagnostics = diagnostics.Distinct(StringComparer.Ordinal).ToList() });
    }
}
