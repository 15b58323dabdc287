namespace AsiArch.Sdk.Composition;

/// <summary>
/// Cancels the inner call after a fixed time and throws <see cref="TimeoutException"/> naming the role. The caller gets
/// control back on time even when the inner call ignores its token.
/// </summary>
internal sealed class TimeoutInterceptor : CallInterceptor
{
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    public TimeoutInterceptor(string role, TimeSpan timeout, TimeProvider timeProvider)
        : base(role)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be positive (or Timeout.InfiniteTimeSpan).");
        }

        _timeout = timeout;
        _timeProvider = timeProvider;
    }

    public override async Task<TResult> InvokeAsync<TResult>(
        string operation, object? request, Func<CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await call(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The {Role} role did not finish {operation} within {_timeout}; the call was cancelled.", ex);
        }
    }
}
