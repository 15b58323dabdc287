namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>
/// A candidate checker driven by a callback; by default every source passes. Records the sources it saw (thread-safe).
/// </summary>
public sealed class FakeCandidateChecker : ICandidateChecker
{
    /// <summary>Called for <see cref="CheckAsync"/>; null to pass everything.</summary>
    public Func<CandidateSource, CancellationToken, Task<CandidateCheckResult>>? CheckCallback { get; set; }

    /// <summary>Every source checked, in call order.</summary>
    public List<CandidateSource> Checked { get; } = [];

    /// <inheritdoc />
    public async Task<CandidateCheckResult> CheckAsync(CandidateSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        cancellationToken.ThrowIfCancellationRequested();
        lock (Checked)
        {
            Checked.Add(source);
        }

        return CheckCallback is { } callback
            ? await callback(source, cancellationToken).ConfigureAwait(false)
            : CandidateCheckResult.Pass;
    }
}
