using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>An analyst that logs every call: start and duration at Debug, returned failures at Information, exceptions at Error; requests and responses only at Trace.</summary>
public sealed class LoggingAnalyst : InterceptingAnalyst
{
    /// <summary>Wraps <paramref name="innerAnalyst"/>.</summary>
    /// <param name="innerAnalyst">The analyst to log.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="timeProvider">Clock for durations; the system clock by default.</param>
    public LoggingAnalyst(IAnalyst innerAnalyst, ILogger logger, TimeProvider? timeProvider = null)
        : base(innerAnalyst, new LoggingInterceptor("analyst", logger ?? throw new ArgumentNullException(nameof(logger)), timeProvider ?? TimeProvider.System))
    {
    }
}
