namespace AsiArch.Sdk;

/// <summary>A code repairer that forwards every call to an inner one; derive from it to write a decorator.</summary>
public abstract class DelegatingCodeRepairer : ICodeRepairer, IDisposable
{
    /// <summary>Wraps <paramref name="innerCodeRepairer"/>.</summary>
    protected DelegatingCodeRepairer(ICodeRepairer innerCodeRepairer)
    {
        ArgumentNullException.ThrowIfNull(innerCodeRepairer);
        InnerCodeRepairer = innerCodeRepairer;
    }

    /// <summary>The wrapped component.</summary>
    protected ICodeRepairer InnerCodeRepairer { get; }

    /// <inheritdoc />
    public virtual Task<RepairResult> RepairAsync(RepairRequest request, CancellationToken cancellationToken = default) =>
        InnerCodeRepairer.RepairAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, InnerCodeRepairer, serviceType, serviceKey);

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
            (InnerCodeRepairer as IDisposable)?.Dispose();
        }
    }
}
