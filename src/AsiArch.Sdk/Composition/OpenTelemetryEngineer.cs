namespace AsiArch.Sdk.Composition;

/// <summary>An engineer that traces every call as a span (<c>engineer.{operation}</c>) with role, operation and experiment tags; exceptions are recorded as errors.</summary>
public sealed class OpenTelemetryEngineer : InterceptingEngineer
{
    /// <summary>Wraps <paramref name="innerEngineer"/>.</summary>
    /// <param name="innerEngineer">The engineer to trace.</param>
    /// <param name="sourceName">Activity source name; <see cref="AsiArchTelemetry.SourceName"/> by default.</param>
    public OpenTelemetryEngineer(IEngineer innerEngineer, string? sourceName = null)
        : base(innerEngineer, new TracingInterceptor("engineer", ActivitySources.Get(sourceName)))
    {
    }
}
