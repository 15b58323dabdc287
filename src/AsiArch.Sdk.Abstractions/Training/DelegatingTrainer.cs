namespace AsiArch.Sdk;

/// <summary>A trainer that forwards every call to an inner one; derive from it to write a decorator.</summary>
public abstract class DelegatingTrainer : ITrainer, IDisposable
{
    /// <summary>Wraps <paramref name="innerTrainer"/>.</summary>
    protected DelegatingTrainer(ITrainer innerTrainer)
    {
        ArgumentNullException.ThrowIfNull(innerTrainer);
        InnerTrainer = innerTrainer;
    }

    /// <summary>The wrapped trainer.</summary>
    protected ITrainer InnerTrainer { get; }

    /// <inheritdoc />
    public virtual Task<TrainingResult> TrainAsync(
        TrainingRequest request,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        InnerTrainer.TrainAsync(request, progress, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, InnerTrainer, serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner trainer when it is disposable.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            (InnerTrainer as IDisposable)?.Dispose();
        }
    }
}
