using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>A quality judge that logs every call: start and duration at Debug, returned failures at Information, exceptions at Error; requests and responses only at Trace.</summary>
public sealed class LoggingQualityJudge : InterceptingQualityJudge
{
    /// <summary>Wraps <paramref name="innerQualityJudge"/>.</summary>
    /// <param name="innerQualityJudge">The quality judge to log.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="timeProvider">Clock for durations; the system clock by default.</param>
    public LoggingQualityJudge(IQualityJudge innerQualityJudge, ILogger logger, TimeProvider? timeProvider = null)
        : base(innerQualityJudge, new LoggingInterceptor("quality_judge", logger ?? throw new ArgumentNullException(nameof(logger)), timeProvider ?? TimeProvider.System))
    {
    }
}
