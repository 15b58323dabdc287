namespace AsiArch.Sdk.Composition;

/// <summary>A trainer whose calls are cancelled after a time limit, then fail with a <see cref="TimeoutException"/> naming the role.</summary>
public sealed class TimeoutTrainer : InterceptingTrainer
{
    /// <summary>Wraps <paramref name="innerTrainer"/>.</summary>
    /// <param name="innerTrainer">The trainer to limit.</param>
    /// <param name="timeout">Time limit of one call (positive, or <see cref="Timeout.InfiniteTimeSpan"/>).</param>
    /// <param name="timeProvider">Clock of the limit; the system clock by default.</param>
    public TimeoutTrainer(ITrainer innerTrainer, TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(innerTrainer, new TimeoutInterceptor("trainer", timeout, timeProvider ?? TimeProvider.System))
    {
    }
}
