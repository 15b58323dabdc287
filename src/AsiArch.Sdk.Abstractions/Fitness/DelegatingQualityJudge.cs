namespace AsiArch.Sdk;

/// <summary>A judge that forwards every call to an inner one; derive from it to write a decorator.</summary>
public abstract class DelegatingQualityJudge : IQualityJudge, IDisposable
{
    /// <summary>Wraps <paramref name="innerQualityJudge"/>.</summary>
    protected DelegatingQualityJudge(IQualityJudge innerQualityJudge)
    {
        ArgumentNullException.ThrowIfNull(innerQualityJudge);
        InnerQualityJudge = innerQualityJudge;
    }

    /// <summary>The wrapped component.</summary>
    protected IQualityJudge InnerQualityJudge { get; }

    /// <inheritdoc />
    public virtual Task<QualityJudgement> JudgeAsync(JudgeRequest request, CancellationToken cancellationToken = default) =>
        InnerQualityJudge.JudgeAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, InnerQualityJudge, serviceType, serviceKey);

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
            (InnerQualityJudge as IDisposable)?.Dispose();
        }
    }
}
