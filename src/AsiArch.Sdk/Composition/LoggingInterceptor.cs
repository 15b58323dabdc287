using AsiArch.Sdk.Serialization;
using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Logs each call: start and end with duration at Debug, a returned domain failure at Information, an exception at
/// Error. Requests and responses (prompts, generated code) are serialised only when Trace is enabled.
/// </summary>
internal sealed partial class LoggingInterceptor(string role, ILogger logger, TimeProvider timeProvider) : CallInterceptor(role)
{
    public override async Task<TResult> InvokeAsync<TResult>(
        string operation, object? request, Func<CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Trace))
        {
            LogInvokedWithRequest(logger, Role, operation, ToJson(request));
        }
        else
        {
            LogInvoked(logger, Role, operation);
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            var result = await call(cancellationToken).ConfigureAwait(false);
            var elapsed = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            if (CallDetails.Failure(result) is { } failure)
            {
                LogReturnedFailure(logger, Role, operation, failure.Kind, failure.Message, elapsed);
            }

            if (logger.IsEnabled(LogLevel.Trace))
            {
                LogCompletedWithResponse(logger, Role, operation, elapsed, ToJson(result));
            }
            else
            {
                LogCompleted(logger, Role, operation, elapsed);
            }

            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCanceled(logger, Role, operation, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, Role, operation, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private static string ToJson(object? value)
    {
        try
        {
            return AsiArchJson.Serialize(value);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            return $"<not serialisable: {ex.Message}>";
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Role} {Operation} invoked.")]
    private static partial void LogInvoked(ILogger logger, string role, string operation);

    [LoggerMessage(EventId = 2, Level = LogLevel.Trace, Message = "{Role} {Operation} invoked: {Request}")]
    private static partial void LogInvokedWithRequest(ILogger logger, string role, string operation, string request);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Role} {Operation} completed in {ElapsedMilliseconds:F1} ms.")]
    private static partial void LogCompleted(ILogger logger, string role, string operation, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "{Role} {Operation} completed in {ElapsedMilliseconds:F1} ms: {Response}")]
    private static partial void LogCompletedWithResponse(ILogger logger, string role, string operation, double elapsedMilliseconds, string response);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Role} {Operation} returned a {FailureKind} failure after {ElapsedMilliseconds:F1} ms: {FailureMessage}")]
    private static partial void LogReturnedFailure(ILogger logger, string role, string operation, FailureKind failureKind, string failureMessage, double elapsedMilliseconds);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "{Role} {Operation} canceled after {ElapsedMilliseconds:F1} ms.")]
    private static partial void LogCanceled(ILogger logger, string role, string operation, double elapsedMilliseconds);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "{Role} {Operation} failed after {ElapsedMilliseconds:F1} ms.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string role, string operation, double elapsedMilliseconds);
}
