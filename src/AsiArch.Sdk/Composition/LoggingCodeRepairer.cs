using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>A code repairer that logs every call: start and duration at Debug, returned failures at Information, exceptions at Error; requests and responses only at Trace.</summary>
public sealed class LoggingCodeRepairer : InterceptingCodeRepairer
{
    /// <summary>Wraps <paramref name="innerCodeRepairer"/>.</summary>
    /// <param name="innerCodeRepairer">The code repairer to log.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="timeProvider">Clock for durations; the system clock by default.</param>
    public LoggingCodeRepairer(ICodeRepairer innerCodeRepairer, ILogger logger, TimeProvider? timeProvider = null)
        : base(innerCodeRepairer, new LoggingInterceptor("code_repairer", logger ?? throw new ArgumentNullException(nameof(logger)), timeProvider ?? TimeProvider.System))
    {
    }
}
