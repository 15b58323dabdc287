namespace AsiArch.Sdk.Composition;

/// <summary>An engineer whose calls are cancelled after a time limit, then fail with a <see cref="TimeoutException"/> naming the role.</summary>
public sealed class TimeoutEngineer : InterceptingEngineer
{
    /// <summary>Wraps <paramref name="innerEngineer"/>.</summary>
    /// <param name="innerEngineer">The engineer to limit.</param>
    /// <param name="timeout">Time limit of one call (positive, or <see cref="Timeout.InfiniteTimeSpan"/>).</param>
    /// <param name="timeProvider">Clock of the limit; the system clock by default.</param>
    public TimeoutEngineer(IEngineer innerEngineer, TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(innerEngineer, new TimeoutInterceptor("engineer", timeout, timeProvider ?? TimeProvider.System))
    {
    }
}
