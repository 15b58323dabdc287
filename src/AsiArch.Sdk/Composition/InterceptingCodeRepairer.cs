namespace AsiArch.Sdk.Composition;

/// <summary>Base of the code repairer decorators: routes every call through one cross-cutting concern.</summary>
public abstract class InterceptingCodeRepairer : DelegatingCodeRepairer
{
    private readonly CallInterceptor _interceptor;

    private protected InterceptingCodeRepairer(ICodeRepairer innerCodeRepairer, CallInterceptor interceptor)
        : base(innerCodeRepairer) => _interceptor = interceptor;

    /// <inheritdoc />
    public override Task<RepairResult> RepairAsync(RepairRequest request, CancellationToken cancellationToken = default) =>
        _interceptor.InvokeAsync("repair", request, ct => base.RepairAsync(request, ct), cancellationToken);
}
