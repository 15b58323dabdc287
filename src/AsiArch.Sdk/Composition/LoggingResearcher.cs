using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>A researcher that logs every call: start and duration at Debug, returned failures at Information, exceptions at Error; requests and responses only at Trace.</summary>
public sealed class LoggingResearcher : InterceptingResearcher
{
    /// <summary>Wraps <paramref name="innerResearcher"/>.</summary>
    /// <param name="innerResearcher">The researcher to log.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="timeProvider">Clock for durations; the system clock by default.</param>
    public LoggingResearcher(IResearcher innerResearcher, ILogger logger, TimeProvider? timeProvider = null)
        : base(innerResearcher, new LoggingInterceptor("researcher", logger ?? throw new ArgumentNullException(nameof(logger)), timeProvider ?? TimeProvider.System))
    {
    }
}
