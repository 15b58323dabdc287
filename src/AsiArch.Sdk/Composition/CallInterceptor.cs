namespace AsiArch.Sdk.Composition;

/// <summary>
/// One cross-cutting concern (logging, tracing, timeout) applied around a role call. The per-role decorators only route
/// their methods through it, so each concern is written once for every role.
/// </summary>
internal abstract class CallInterceptor(string role)
{
    /// <summary>Role name used in messages, span names and tags, e.g. <c>researcher</c>.</summary>
    public string Role { get; } = role;

    /// <summary>Runs <paramref name="call"/> with the concern applied.</summary>
    /// <param name="operation">Operation name, e.g. <c>propose</c>.</param>
    /// <param name="request">The request, for trace logs and tags.</param>
    /// <param name="call">The inner call, given the token it must observe.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public abstract Task<TResult> InvokeAsync<TResult>(
        string operation, object? request, Func<CancellationToken, Task<TResult>> call, CancellationToken cancellationToken);
}
