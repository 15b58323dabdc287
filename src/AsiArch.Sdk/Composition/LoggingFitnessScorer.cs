using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>A fitness scorer that logs every call: start and duration at Debug, returned failures at Information, exceptions at Error; requests and responses only at Trace.</summary>
public sealed class LoggingFitnessScorer : InterceptingFitnessScorer
{
    /// <summary>Wraps <paramref name="innerFitnessScorer"/>.</summary>
    /// <param name="innerFitnessScorer">The fitness scorer to log.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="timeProvider">Clock for durations; the system clock by default.</param>
    public LoggingFitnessScorer(IFitnessScorer innerFitnessScorer, ILogger logger, TimeProvider? timeProvider = null)
        : base(innerFitnessScorer, new LoggingInterceptor("fitness_scorer", logger ?? throw new ArgumentNullException(nameof(logger)), timeProvider ?? TimeProvider.System))
    {
    }
}
