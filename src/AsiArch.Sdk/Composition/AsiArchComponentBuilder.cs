using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// The shared pipeline logic of the role builders (<see cref="ResearcherBuilder"/>, <see cref="EngineerBuilder"/>, ...):
/// stages wrap the inner component, and the first stage added is the outermost.
/// </summary>
/// <typeparam name="TComponent">The role.</typeparam>
/// <typeparam name="TBuilder">The concrete builder, returned for chaining.</typeparam>
public abstract class AsiArchComponentBuilder<TComponent, TBuilder>
    where TComponent : class, IAsiArchComponent
    where TBuilder : AsiArchComponentBuilder<TComponent, TBuilder>
{
    private readonly Func<IServiceProvider, TComponent> _innerFactory;
    private readonly List<Func<TComponent, IServiceProvider, TComponent>> _stages = [];

    private protected AsiArchComponentBuilder(TComponent inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _innerFactory = _ => inner;
    }

    private protected AsiArchComponentBuilder(Func<IServiceProvider, TComponent> innerFactory)
    {
        ArgumentNullException.ThrowIfNull(innerFactory);
        _innerFactory = innerFactory;
    }

    /// <summary>Role name used in logs, spans and timeout messages, e.g. <c>researcher</c>.</summary>
    private protected abstract string Role { get; }

    /// <summary>Adds a stage that wraps the component built so far.</summary>
    /// <param name="stage">Given the inner component, returns its wrapper.</param>
    public TBuilder Use(Func<TComponent, TComponent> stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return Use((inner, _) => stage(inner));
    }

    /// <summary>Adds a stage that wraps the component built so far, with access to services.</summary>
    /// <param name="stage">Given the inner component and the services, returns its wrapper.</param>
    public TBuilder Use(Func<TComponent, IServiceProvider, TComponent> stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Add(stage);
        return (TBuilder)this;
    }

    /// <summary>
    /// Logs every call (Debug; prompts and code only at Trace). Without <paramref name="loggerFactory"/> the factory comes
    /// from the services given to <see cref="Build"/>; with none at all the stage is skipped.
    /// </summary>
    /// <param name="loggerFactory">The logger factory.</param>
    public TBuilder UseLogging(ILoggerFactory? loggerFactory = null) => Use((inner, services) =>
    {
        var factory = loggerFactory ?? services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        return factory == NullLoggerFactory.Instance ? inner : CreateLogging(inner, factory, TimeProviderFrom(services));
    });

    /// <summary>Traces every call as a span of the <see cref="AsiArchTelemetry.SourceName"/> activity source (or <paramref name="sourceName"/>).</summary>
    /// <param name="sourceName">Another activity source name.</param>
    public TBuilder UseOpenTelemetry(string? sourceName = null) => Use(inner => CreateOpenTelemetry(inner, sourceName));

    /// <summary>Cancels each call after <paramref name="timeout"/> and throws <see cref="TimeoutException"/> naming the role.</summary>
    /// <param name="timeout">The time limit of one call.</param>
    public TBuilder UseTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be positive (or Timeout.InfiniteTimeSpan).");
        }

        return Use((inner, services) => CreateTimeout(inner, timeout, TimeProviderFrom(services)));
    }

    /// <summary>Builds the pipeline: the inner component wrapped by every stage, the first added outermost.</summary>
    /// <param name="services">Services for stages and factories that need them.</param>
    public TComponent Build(IServiceProvider? services = null)
    {
        services ??= EmptyServiceProvider.Instance;
        var component = _innerFactory(services) ?? throw new InvalidOperationException($"The {Role} factory returned null.");
        for (var i = _stages.Count - 1; i >= 0; i--)
        {
            component = _stages[i](component, services) ??
                throw new InvalidOperationException($"Stage {i + 1} of the {Role} pipeline returned null.");
        }

        return component;
    }

    private protected abstract TComponent CreateLogging(TComponent inner, ILoggerFactory loggerFactory, TimeProvider timeProvider);

    private protected abstract TComponent CreateOpenTelemetry(TComponent inner, string? sourceName);

    private protected abstract TComponent CreateTimeout(TComponent inner, TimeSpan timeout, TimeProvider timeProvider);

    private static TimeProvider TimeProviderFrom(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}
