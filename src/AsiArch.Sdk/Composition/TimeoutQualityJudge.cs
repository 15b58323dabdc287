namespace AsiArch.Sdk.Composition;

/// <summary>A quality judge whose calls are cancelled after a time limit, then fail with a <see cref="TimeoutException"/> naming the role.</summary>
public sealed class TimeoutQualityJudge : InterceptingQualityJudge
{
    /// <summary>Wraps <paramref name="innerQualityJudge"/>.</summary>
    /// <param name="innerQualityJudge">The quality judge to limit.</param>
    /// <param name="timeout">Time limit of one call (positive, or <see cref="Timeout.InfiniteTimeSpan"/>).</param>
    /// <param name="timeProvider">Clock of the limit; the system clock by default.</param>
    public TimeoutQualityJudge(IQualityJudge innerQualityJudge, TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(innerQualityJudge, new TimeoutInterceptor("quality_judge", timeout, timeProvider ?? TimeProvider.System))
    {
    }
}
