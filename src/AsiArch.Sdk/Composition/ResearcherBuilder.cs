using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Builds a researcher pipeline without dependency injection, e.g.
/// <c>new ResearcherBuilder(inner).UseLogging(loggerFactory).UseTimeout(limit).Build()</c>; the first stage added is outermost.
/// </summary>
public sealed class ResearcherBuilder : AsiArchComponentBuilder<IResearcher, ResearcherBuilder>
{
    /// <summary>Starts a pipeline around <paramref name="innerResearcher"/>.</summary>
    /// <param name="innerResearcher">The innermost researcher.</param>
    public ResearcherBuilder(IResearcher innerResearcher)
        : base(innerResearcher)
    {
    }

    /// <summary>Starts a pipeline whose innermost researcher is created from services at <c>Build</c>.</summary>
    /// <param name="innerResearcherFactory">Creates the innermost researcher.</param>
    public ResearcherBuilder(Func<IServiceProvider, IResearcher> innerResearcherFactory)
        : base(innerResearcherFactory)
    {
    }

    private protected override string Role => "researcher";

    private protected override IResearcher CreateLogging(IResearcher inner, ILoggerFactory loggerFactory, TimeProvider timeProvider) =>
        new LoggingResearcher(inner, loggerFactory.CreateLogger<LoggingResearcher>(), timeProvider);

    private protected override IResearcher CreateOpenTelemetry(IResearcher inner, string? sourceName) => new OpenTelemetryResearcher(inner, sourceName);

    private protected override IResearcher CreateTimeout(IResearcher inner, TimeSpan timeout, TimeProvider timeProvider) =>
        new TimeoutResearcher(inner, timeout, timeProvider);
}
