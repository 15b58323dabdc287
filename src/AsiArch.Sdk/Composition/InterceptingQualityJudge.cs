namespace AsiArch.Sdk.Composition;

/// <summary>Base of the quality judge decorators: routes every call through one cross-cutting concern.</summary>
public abstract class InterceptingQualityJudge : DelegatingQualityJudge
{
    private readonly CallInterceptor _interceptor;

    private protected InterceptingQualityJudge(IQualityJudge innerQualityJudge, CallInterceptor interceptor)
        : base(innerQualityJudge) => _interceptor = interceptor;

    /// <inheritdoc />
    public override Task<QualityJudgement> JudgeAsync(JudgeRequest request, CancellationToken cancellationToken = default) =>
        _interceptor.InvokeAsync("judge", request, ct => base.JudgeAsync(request, ct), cancellationToken);
}
