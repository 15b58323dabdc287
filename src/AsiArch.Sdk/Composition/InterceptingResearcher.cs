namespace AsiArch.Sdk.Composition;

/// <summary>Base of the researcher decorators: routes every call through one cross-cutting concern.</summary>
public abstract class InterceptingResearcher : DelegatingResearcher
{
    private readonly CallInterceptor _interceptor;

    private protected InterceptingResearcher(IResearcher innerResearcher, CallInterceptor interceptor)
        : base(innerResearcher) => _interceptor = interceptor;

    /// <inheritdoc />
    public override Task<Proposal> ProposeAsync(ResearchContext context, CancellationToken cancellationToken = default) =>
        _interceptor.InvokeAsync("propose", context, ct => base.ProposeAsync(context, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<NoveltyVerdict> CheckNoveltyAsync(
        Proposal proposal, IReadOnlyList<ExperimentRecord> similar, CancellationToken cancellationToken = default) =>
        _interceptor.InvokeAsync("check_novelty", proposal, ct => base.CheckNoveltyAsync(proposal, similar, ct), cancellationToken);
}
