namespace AsiArch.Sdk;

/// <summary>A researcher that forwards every call to an inner one; derive from it to write a decorator.</summary>
public abstract class DelegatingResearcher : IResearcher, IDisposable
{
    /// <summary>Wraps <paramref name="innerResearcher"/>.</summary>
    protected DelegatingResearcher(IResearcher innerResearcher)
    {
        ArgumentNullException.ThrowIfNull(innerResearcher);
        InnerResearcher = innerResearcher;
    }

    /// <summary>The wrapped researcher.</summary>
    protected IResearcher InnerResearcher { get; }

    /// <inheritdoc />
    public virtual Task<Proposal> ProposeAsync(ResearchContext context, CancellationToken cancellationToken = default) =>
        InnerResearcher.ProposeAsync(context, cancellationToken);

    /// <inheritdoc />
    public virtual Task<NoveltyVerdict> CheckNoveltyAsync(
        Proposal proposal,
        IReadOnlyList<ExperimentRecord> similar,
        CancellationToken cancellationToken = default) =>
        InnerResearcher.CheckNoveltyAsync(proposal, similar, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, InnerResearcher, serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner researcher when it is disposable.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            (InnerResearcher as IDisposable)?.Dispose();
        }
    }
}
