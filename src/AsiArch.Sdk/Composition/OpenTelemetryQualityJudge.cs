namespace AsiArch.Sdk.Composition;

/// <summary>A quality judge that traces every call as a span (<c>quality_judge.{operation}</c>) with role, operation and experiment tags; exceptions are recorded as errors.</summary>
public sealed class OpenTelemetryQualityJudge : InterceptingQualityJudge
{
    /// <summary>Wraps <paramref name="innerQualityJudge"/>.</summary>
    /// <param name="innerQualityJudge">The quality judge to trace.</param>
    /// <param name="sourceName">Activity source name; <see cref="AsiArchTelemetry.SourceName"/> by default.</param>
    public OpenTelemetryQualityJudge(IQualityJudge innerQualityJudge, string? sourceName = null)
        : base(innerQualityJudge, new TracingInterceptor("quality_judge", ActivitySources.Get(sourceName)))
    {
    }
}
