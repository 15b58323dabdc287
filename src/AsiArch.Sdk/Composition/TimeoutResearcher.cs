namespace AsiArch.Sdk.Composition;

/// <summary>A researcher whose calls are cancelled after a time limit, then fail with a <see cref="TimeoutException"/> naming the role.</summary>
public sealed class TimeoutResearcher : InterceptingResearcher
{
    /// <summary>Wraps <paramref name="innerResearcher"/>.</summary>
    /// <param name="innerResearcher">The researcher to limit.</param>
    /// <param name="timeout">Time limit of one call (positive, or <see cref="Timeout.InfiniteTimeSpan"/>).</param>
    /// <param name="timeProvider">Clock of the limit; the system clock by default.</param>
    public TimeoutResearcher(IResearcher innerResearcher, TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(innerResearcher, new TimeoutInterceptor("researcher", timeout, timeProvider ?? TimeProvider.System))
    {
    }
}
