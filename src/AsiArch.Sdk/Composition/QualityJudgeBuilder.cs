using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Builds a quality judge pipeline without dependency injection, e.g.
/// <c>new QualityJudgeBuilder(inner).UseLogging(loggerFactory).UseTimeout(limit).Build()</c>; the first stage added is outermost.
/// </summary>
public sealed class QualityJudgeBuilder : AsiArchComponentBuilder<IQualityJudge, QualityJudgeBuilder>
{
    /// <summary>Starts a pipeline around <paramref name="innerQualityJudge"/>.</summary>
    /// <param name="innerQualityJudge">The innermost quality judge.</param>
    public QualityJudgeBuilder(IQualityJudge innerQualityJudge)
        : base(innerQualityJudge)
    {
    }

    /// <summary>Starts a pipeline whose innermost quality judge is created from services at <c>Build</c>.</summary>
    /// <param name="innerQualityJudgeFactory">Creates the innermost quality judge.</param>
    public QualityJudgeBuilder(Func<IServiceProvider, IQualityJudge> innerQualityJudgeFactory)
        : base(innerQualityJudgeFactory)
    {
    }

    private protected override string Role => "quality_judge";

    private protected override IQualityJudge CreateLogging(IQualityJudge inner, ILoggerFactory loggerFactory, TimeProvider timeProvider) =>
        new LoggingQualityJudge(inner, loggerFactory.CreateLogger<LoggingQualityJudge>(), timeProvider);

    private protected override IQualityJudge CreateOpenTelemetry(IQualityJudge inner, string? sourceName) => new OpenTelemetryQualityJudge(inner, sourceName);

    private protected override IQualityJudge CreateTimeout(IQualityJudge inner, TimeSpan timeout, TimeProvider timeProvider) =>
        new TimeoutQualityJudge(inner, timeout, timeProvider);
}
