namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>A quality judge driven by a callback; by default fixed sub-scores 6 / 5 / 7.</summary>
public sealed class FakeQualityJudge : IQualityJudge
{
    private int _calls;

    /// <summary>Called for <see cref="JudgeAsync"/>; null for the default.</summary>
    public Func<JudgeRequest, CancellationToken, Task<QualityJudgement>>? JudgeCallback { get; set; }

    /// <summary>Number of calls so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc />
    public async Task<QualityJudgement> JudgeAsync(JudgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        return JudgeCallback is { } callback
            ? await callback(request, cancellationToken).ConfigureAwait(false)
            : new QualityJudgement { Performance = 6, Innovation = 5, Complexity = 7, Reason = "fake", Usage = new TokenUsage { InputTokens = 50, OutputTokens = 10 } };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
