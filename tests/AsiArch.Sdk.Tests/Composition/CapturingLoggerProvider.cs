using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Tests.Composition;

/// <summary>Keeps every log entry at or above a minimum level.</summary>
internal sealed class CapturingLoggerProvider(LogLevel minimum) : ILoggerProvider
{
    private readonly List<(LogLevel Level, string Message, Exception? Exception)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (provider._entries)
            {
                provider._entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }

    private readonly LogLevel _minimum = minimum;
}
