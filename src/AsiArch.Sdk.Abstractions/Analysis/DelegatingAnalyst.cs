namespace AsiArch.Sdk;

/// <summary>An analyst that forwards every call to an inner one; derive from it to write a decorator.</summary>
public abstract class DelegatingAnalyst : IAnalyst, IDisposable
{
    /// <summary>Wraps <paramref name="innerAnalyst"/>.</summary>
    protected DelegatingAnalyst(IAnalyst innerAnalyst)
    {
        ArgumentNullException.ThrowIfNull(innerAnalyst);
        InnerAnalyst = innerAnalyst;
    }

    /// <summary>The wrapped component.</summary>
    protected IAnalyst InnerAnalyst { get; }

    /// <inheritdoc />
    public virtual Task<AnalysisReport> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken = default) =>
        InnerAnalyst.AnalyzeAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, InnerAnalyst, serviceType, serviceKey);

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
            (InnerAnalyst as IDisposable)?.Dispose();
        }
    }
}
