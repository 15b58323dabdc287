using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Builds a trainer pipeline without dependency injection, e.g.
/// <c>new TrainerBuilder(inner).UseLogging(loggerFactory).UseTimeout(limit).Build()</c>; the first stage added is outermost.
/// </summary>
public sealed class TrainerBuilder : AsiArchComponentBuilder<ITrainer, TrainerBuilder>
{
    /// <summary>Starts a pipeline around <paramref name="innerTrainer"/>.</summary>
    /// <param name="innerTrainer">The innermost trainer.</param>
    public TrainerBuilder(ITrainer innerTrainer)
        : base(innerTrainer)
    {
    }

    /// <summary>Starts a pipeline whose innermost trainer is created from services at <c>Build</c>.</summary>
    /// <param name="innerTrainerFactory">Creates the innermost trainer.</param>
    public TrainerBuilder(Func<IServiceProvider, ITrainer> innerTrainerFactory)
        : base(innerTrainerFactory)
    {
    }

    private protected override string Role => "trainer";

    private protected override ITrainer CreateLogging(ITrainer inner, ILoggerFactory loggerFactory, TimeProvider timeProvider) =>
        new LoggingTrainer(inner, loggerFactory.CreateLogger<LoggingTrainer>(), timeProvider);

    private protected override ITrainer CreateOpenTelemetry(ITrainer inner, string? sourceName) => new OpenTelemetryTrainer(inner, sourceName);

    private protected override ITrainer CreateTimeout(ITrainer inner, TimeSpan timeout, TimeProvider timeProvider) =>
        new TimeoutTrainer(inner, timeout, timeProvider);
}
