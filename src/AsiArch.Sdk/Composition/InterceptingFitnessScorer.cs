namespace AsiArch.Sdk.Composition;

/// <summary>Base of the fitness scorer decorators: routes every call through one cross-cutting concern.</summary>
public abstract class InterceptingFitnessScorer : DelegatingFitnessScorer
{
    private readonly CallInterceptor _interceptor;

    private protected InterceptingFitnessScorer(IFitnessScorer innerFitnessScorer, CallInterceptor interceptor)
        : base(innerFitnessScorer) => _interceptor = interceptor;

    /// <inheritdoc />
    public override Task<FitnessResult> ScoreAsync(FitnessRequest request, CancellationToken cancellationToken = default) =>
        _interceptor.InvokeAsync("score", request, ct => base.ScoreAsync(request, ct), cancellationToken);
}
