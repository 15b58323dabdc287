using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Builds a code repairer pipeline without dependency injection, e.g.
/// <c>new CodeRepairerBuilder(inner).UseLogging(loggerFactory).UseTimeout(limit).Build()</c>; the first stage added is outermost.
/// </summary>
public sealed class CodeRepairerBuilder : AsiArchComponentBuilder<ICodeRepairer, CodeRepairerBuilder>
{
    /// <summary>Starts a pipeline around <paramref name="innerCodeRepairer"/>.</summary>
    /// <param name="innerCodeRepairer">The innermost code repairer.</param>
    public CodeRepairerBuilder(ICodeRepairer innerCodeRepairer)
        : base(innerCodeRepairer)
    {
    }

    /// <summary>Starts a pipeline whose innermost code repairer is created from services at <c>Build</c>.</summary>
    /// <param name="innerCodeRepairerFactory">Creates the innermost code repairer.</param>
    public CodeRepairerBuilder(Func<IServiceProvider, ICodeRepairer> innerCodeRepairerFactory)
        : base(innerCodeRepairerFactory)
    {
    }

    private protected override string Role => "code_repairer";

    private protected override ICodeRepairer CreateLogging(ICodeRepairer inner, ILoggerFactory loggerFactory, TimeProvider timeProvider) =>
        new LoggingCodeRepairer(inner, loggerFactory.CreateLogger<LoggingCodeRepairer>(), timeProvider);

    private protected override ICodeRepairer CreateOpenTelemetry(ICodeRepairer inner, string? sourceName) => new OpenTelemetryCodeRepairer(inner, sourceName);

    private protected override ICodeRepairer CreateTimeout(ICodeRepairer inner, TimeSpan timeout, TimeProvider timeProvider) =>
        new TimeoutCodeRepairer(inner, timeout, timeProvider);
}
