namespace AsiArch.Sdk.Composition;

/// <summary>A researcher that traces every call as a span (<c>researcher.{operation}</c>) with role, operation and experiment tags; exceptions are recorded as errors.</summary>
public sealed class OpenTelemetryResearcher : InterceptingResearcher
{
    /// <summary>Wraps <paramref name="innerResearcher"/>.</summary>
    /// <param name="innerResearcher">The researcher to trace.</param>
    /// <param name="sourceName">Activity source name; <see cref="AsiArchTelemetry.SourceName"/> by default.</param>
    public OpenTelemetryResearcher(IResearcher innerResearcher, string? sourceName = null)
        : base(innerResearcher, new TracingInterceptor("researcher", ActivitySources.Get(sourceName)))
    {
    }
}
