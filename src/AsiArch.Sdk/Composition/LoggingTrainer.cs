using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>A trainer that logs every call: start and duration at Debug, returned failures at Information, exceptions at Error; requests and responses only at Trace.</summary>
public sealed class LoggingTrainer : InterceptingTrainer
{
    /// <summary>Wraps <paramref name="innerTrainer"/>.</summary>
    /// <param name="innerTrainer">The trainer to log.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="timeProvider">Clock for durations; the system clock by default.</param>
    public LoggingTrainer(ITrainer innerTrainer, ILogger logger, TimeProvider? timeProvider = null)
        : base(innerTrainer, new LoggingInterceptor("trainer", logger ?? throw new ArgumentNullException(nameof(logger)), timeProvider ?? TimeProvider.System))
    {
    }
}
