namespace AsiArch.Sdk.Composition;

/// <summary>Base of the analyst decorators: routes every call through one cross-cutting concern.</summary>
public abstract class InterceptingAnalyst : DelegatingAnalyst
{
    private readonly CallInterceptor _interceptor;

    private protected InterceptingAnalyst(IAnalyst innerAnalyst, CallInterceptor interceptor)
        : base(innerAnalyst) => _interceptor = interceptor;

    /// <inheritdoc />
    public override Task<AnalysisReport> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken = default) =>
        _interceptor.InvokeAsync("analyze", request, ct => base.AnalyzeAsync(request, ct), cancellationToken);
}
