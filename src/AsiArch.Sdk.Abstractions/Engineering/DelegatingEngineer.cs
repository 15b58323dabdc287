namespace AsiArch.Sdk;

/// <summary>An engineer that forwards every call to an inner one; derive from it to write a decorator.</summary>
public abstract class DelegatingEngineer : IEngineer, IDisposable
{
    /// <summary>Wraps <paramref name="innerEngineer"/>.</summary>
    protected DelegatingEngineer(IEngineer innerEngineer)
    {
        ArgumentNullException.ThrowIfNull(innerEngineer);
        InnerEngineer = innerEngineer;
    }

    /// <summary>The wrapped engineer.</summary>
    protected IEngineer InnerEngineer { get; }

    /// <inheritdoc />
    public virtual Task<ImplementationResult> ImplementAsync(ImplementationRequest request, CancellationToken cancellationToken = default) =>
        InnerEngineer.ImplementAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual Task<EvaluationResult> EvaluateAsync(
        EvaluationRequest request,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        InnerEngineer.EvaluateAsync(request, progress, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, InnerEngineer, serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner engineer when it is disposable.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            (InnerEngineer as IDisposable)?.Dispose();
        }
    }
}
