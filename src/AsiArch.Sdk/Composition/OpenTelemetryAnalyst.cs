namespace AsiArch.Sdk.Composition;

/// <summary>An analyst that traces every call as a span (<c>analyst.{operation}</c>) with role, operation and experiment tags; exceptions are recorded as errors.</summary>
public sealed class OpenTelemetryAnalyst : InterceptingAnalyst
{
    /// <summary>Wraps <paramref name="innerAnalyst"/>.</summary>
    /// <param name="innerAnalyst">The analyst to trace.</param>
    /// <param name="sourceName">Activity source name; <see cref="AsiArchTelemetry.SourceName"/> by default.</param>
    public OpenTelemetryAnalyst(IAnalyst innerAnalyst, string? sourceName = null)
        : base(innerAnalyst, new TracingInterceptor("analyst", ActivitySources.Get(sourceName)))
    {
    }
}
