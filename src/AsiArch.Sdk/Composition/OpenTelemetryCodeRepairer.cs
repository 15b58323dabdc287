namespace AsiArch.Sdk.Composition;

/// <summary>A code repairer that traces every call as a span (<c>code_repairer.{operation}</c>) with role, operation and experiment tags; exceptions are recorded as errors.</summary>
public sealed class OpenTelemetryCodeRepairer : InterceptingCodeRepairer
{
    /// <summary>Wraps <paramref name="innerCodeRepairer"/>.</summary>
    /// <param name="innerCodeRepairer">The code repairer to trace.</param>
    /// <param name="sourceName">Activity source name; <see cref="AsiArchTelemetry.SourceName"/> by default.</param>
    public OpenTelemetryCodeRepairer(ICodeRepairer innerCodeRepairer, string? sourceName = null)
        : base(innerCodeRepairer, new TracingInterceptor("code_repairer", ActivitySources.Get(sourceName)))
    {
    }
}
