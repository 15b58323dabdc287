namespace AsiArch.Sdk.Composition;

/// <summary>Base of the engineer decorators: routes every call through one cross-cutting concern.</summary>
public abstract class InterceptingEngineer : DelegatingEngineer
{
    private readonly CallInterceptor _interceptor;

    private protected InterceptingEngineer(IEngineer innerEngineer, CallInterceptor interceptor)
        : base(innerEngineer) => _interceptor = interceptor;

    /// <inheritdoc />
    public override Task<ImplementationResult> ImplementAsync(ImplementationRequest request, CancellationToken cancellationToken = default) =>
        _interceptor.InvokeAsync("implement", request, ct => base.ImplementAsync(request, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<EvaluationResult> EvaluateAsync(
        EvaluationRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _interceptor.InvokeAsync("evaluate", request, ct => base.EvaluateAsync(request, progress, ct), cancellationToken);
}
