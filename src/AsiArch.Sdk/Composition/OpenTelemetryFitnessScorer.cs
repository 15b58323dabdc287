namespace AsiArch.Sdk.Composition;

/// <summary>A fitness scorer that traces every call as a span (<c>fitness_scorer.{operation}</c>) with role, operation and experiment tags; exceptions are recorded as errors.</summary>
public sealed class OpenTelemetryFitnessScorer : InterceptingFitnessScorer
{
    /// <summary>Wraps <paramref name="innerFitnessScorer"/>.</summary>
    /// <param name="innerFitnessScorer">The fitness scorer to trace.</param>
    /// <param name="sourceName">Activity source name; <see cref="AsiArchTelemetry.SourceName"/> by default.</param>
    public OpenTelemetryFitnessScorer(IFitnessScorer innerFitnessScorer, string? sourceName = null)
        : base(innerFitnessScorer, new TracingInterceptor("fitness_scorer", ActivitySources.Get(sourceName)))
    {
    }
}
