using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Builds an engineer pipeline without dependency injection, e.g.
/// <c>new EngineerBuilder(inner).UseLogging(loggerFactory).UseTimeout(limit).Build()</c>; the first stage added is outermost.
/// </summary>
public sealed class EngineerBuilder : AsiArchComponentBuilder<IEngineer, EngineerBuilder>
{
    /// <summary>Starts a pipeline around <paramref name="innerEngineer"/>.</summary>
    /// <param name="innerEngineer">The innermost engineer.</param>
    public EngineerBuilder(IEngineer innerEngineer)
        : base(innerEngineer)
    {
    }

    /// <summary>Starts a pipeline whose innermost engineer is created from services at <c>Build</c>.</summary>
    /// <param name="innerEngineerFactory">Creates the innermost engineer.</param>
    public EngineerBuilder(Func<IServiceProvider, IEngineer> innerEngineerFactory)
        : base(innerEngineerFactory)
    {
    }

    private protected override string Role => "engineer";

    private protected override IEngineer CreateLogging(IEngineer inner, ILoggerFactory loggerFactory, TimeProvider timeProvider) =>
        new LoggingEngineer(inner, loggerFactory.CreateLogger<LoggingEngineer>(), timeProvider);

    private protected override IEngineer CreateOpenTelemetry(IEngineer inner, string? sourceName) => new OpenTelemetryEngineer(inner, sourceName);

    private protected override IEngineer CreateTimeout(IEngineer inner, TimeSpan timeout, TimeProvider timeProvider) =>
        new TimeoutEngineer(inner, timeout, timeProvider);
}
