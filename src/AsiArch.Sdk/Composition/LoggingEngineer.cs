using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>An engineer that logs every call: start and duration at Debug, returned failures at Information, exceptions at Error; requests and responses only at Trace.</summary>
public sealed class LoggingEngineer : InterceptingEngineer
{
    /// <summary>Wraps <paramref name="innerEngineer"/>.</summary>
    /// <param name="innerEngineer">The engineer to log.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="timeProvider">Clock for durations; the system clock by default.</param>
    public LoggingEngineer(IEngineer innerEngineer, ILogger logger, TimeProvider? timeProvider = null)
        : base(innerEngineer, new LoggingInterceptor("engineer", logger ?? throw new ArgumentNullException(nameof(logger)), timeProvider ?? TimeProvider.System))
    {
    }
}
