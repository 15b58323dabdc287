namespace AsiArch.Sdk.Composition;

/// <summary>A trainer that traces every call as a span (<c>trainer.{operation}</c>) with role, operation and experiment tags; exceptions are recorded as errors.</summary>
public sealed class OpenTelemetryTrainer : InterceptingTrainer
{
    /// <summary>Wraps <paramref name="innerTrainer"/>.</summary>
    /// <param name="innerTrainer">The trainer to trace.</param>
    /// <param name="sourceName">Activity source name; <see cref="AsiArchTelemetry.SourceName"/> by default.</param>
    public OpenTelemetryTrainer(ITrainer innerTrainer, string? sourceName = null)
        : base(innerTrainer, new TracingInterceptor("trainer", ActivitySources.Get(sourceName)))
    {
    }
}
