namespace AsiArch.Sdk;

/// <summary>A fitness scorer that forwards every call to an inner one; derive from it to write a decorator.</summary>
public abstract class DelegatingFitnessScorer : IFitnessScorer, IDisposable
{
    /// <summary>Wraps <paramref name="innerFitnessScorer"/>.</summary>
    protected DelegatingFitnessScorer(IFitnessScorer innerFitnessScorer)
    {
        ArgumentNullException.ThrowIfNull(innerFitnessScorer);
        InnerFitnessScorer = innerFitnessScorer;
    }

    /// <summary>The wrapped component.</summary>
    protected IFitnessScorer InnerFitnessScorer { get; }

    /// <inheritdoc />
    public virtual Task<FitnessResult> ScoreAsync(FitnessRequest request, CancellationToken cancellationToken = default) =>
        InnerFitnessScorer.ScoreAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, InnerFitnessScorer, serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner component when it is disposable.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            (InnerFitnessScorer as IDisposable)?.Dispose();
        }
    }
}
