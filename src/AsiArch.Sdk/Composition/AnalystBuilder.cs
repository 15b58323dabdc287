using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Builds an analyst pipeline without dependency injection, e.g.
/// <c>new AnalystBuilder(inner).UseLogging(loggerFactory).UseTimeout(limit).Build()</c>; the first stage added is outermost.
/// </summary>
public sealed class AnalystBuilder : AsiArchComponentBuilder<IAnalyst, AnalystBuilder>
{
    /// <summary>Starts a pipeline around <paramref name="innerAnalyst"/>.</summary>
    /// <param name="innerAnalyst">The innermost analyst.</param>
    public AnalystBuilder(IAnalyst innerAnalyst)
        : base(innerAnalyst)
    {
    }

    /// <summary>Starts a pipeline whose innermost analyst is created from services at <c>Build</c>.</summary>
    /// <param name="innerAnalystFactory">Creates the innermost analyst.</param>
    public AnalystBuilder(Func<IServiceProvider, IAnalyst> innerAnalystFactory)
        : base(innerAnalystFactory)
    {
    }

    private protected override string Role => "analyst";

    private protected override IAnalyst CreateLogging(IAnalyst inner, ILoggerFactory loggerFactory, TimeProvider timeProvider) =>
        new LoggingAnalyst(inner, loggerFactory.CreateLogger<LoggingAnalyst>(), timeProvider);

    private protected override IAnalyst CreateOpenTelemetry(IAnalyst inner, string? sourceName) => new OpenTelemetryAnalyst(inner, sourceName);

    private protected override IAnalyst CreateTimeout(IAnalyst inner, TimeSpan timeout, TimeProvider timeProvider) =>
        new TimeoutAnalyst(inner, timeout, timeProvider);
}
