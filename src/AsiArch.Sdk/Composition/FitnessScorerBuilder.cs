using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Builds a fitness scorer pipeline without dependency injection, e.g.
/// <c>new FitnessScorerBuilder(inner).UseLogging(loggerFactory).UseTimeout(limit).Build()</c>; the first stage added is outermost.
/// </summary>
public sealed class FitnessScorerBuilder : AsiArchComponentBuilder<IFitnessScorer, FitnessScorerBuilder>
{
    /// <summary>Starts a pipeline around <paramref name="innerFitnessScorer"/>.</summary>
    /// <param name="innerFitnessScorer">The innermost fitness scorer.</param>
    public FitnessScorerBuilder(IFitnessScorer innerFitnessScorer)
        : base(innerFitnessScorer)
    {
    }

    /// <summary>Starts a pipeline whose innermost fitness scorer is created from services at <c>Build</c>.</summary>
    /// <param name="innerFitnessScorerFactory">Creates the innermost fitness scorer.</param>
    public FitnessScorerBuilder(Func<IServiceProvider, IFitnessScorer> innerFitnessScorerFactory)
        : base(innerFitnessScorerFactory)
    {
    }

    private protected override string Role => "fitness_scorer";

    private protected override IFitnessScorer CreateLogging(IFitnessScorer inner, ILoggerFactory loggerFactory, TimeProvider timeProvider) =>
        new LoggingFitnessScorer(inner, loggerFactory.CreateLogger<LoggingFitnessScorer>(), timeProvider);

    private protected override IFitnessScorer CreateOpenTelemetry(IFitnessScorer inner, string? sourceName) => new OpenTelemetryFitnessScorer(inner, sourceName);

    private protected override IFitnessScorer CreateTimeout(IFitnessScorer inner, TimeSpan timeout, TimeProvider timeProvider) =>
        new TimeoutFitnessScorer(inner, timeout, timeProvider);
}
