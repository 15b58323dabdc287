namespace AsiArch.Sdk.Composition;

/// <summary>A code repairer whose calls are cancelled after a time limit, then fail with a <see cref="TimeoutException"/> naming the role.</summary>
public sealed class TimeoutCodeRepairer : InterceptingCodeRepairer
{
    /// <summary>Wraps <paramref name="innerCodeRepairer"/>.</summary>
    /// <param name="innerCodeRepairer">The code repairer to limit.</param>
    /// <param name="timeout">Time limit of one call (positive, or <see cref="Timeout.InfiniteTimeSpan"/>).</param>
    /// <param name="timeProvider">Clock of the limit; the system clock by default.</param>
    public TimeoutCodeRepairer(ICodeRepairer innerCodeRepairer, TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(innerCodeRepairer, new TimeoutInterceptor("code_repairer", timeout, timeProvider ?? TimeProvider.System))
    {
    }
}
