namespace AsiArch.Sdk.Composition;

/// <summary>An analyst whose calls are cancelled after a time limit, then fail with a <see cref="TimeoutException"/> naming the role.</summary>
public sealed class TimeoutAnalyst : InterceptingAnalyst
{
    /// <summary>Wraps <paramref name="innerAnalyst"/>.</summary>
    /// <param name="innerAnalyst">The analyst to limit.</param>
    /// <param name="timeout">Time limit of one call (positive, or <see cref="Timeout.InfiniteTimeSpan"/>).</param>
    /// <param name="timeProvider">Clock of the limit; the system clock by default.</param>
    public TimeoutAnalyst(IAnalyst innerAnalyst, TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(innerAnalyst, new TimeoutInterceptor("analyst", timeout, timeProvider ?? TimeProvider.System))
    {
    }
}
