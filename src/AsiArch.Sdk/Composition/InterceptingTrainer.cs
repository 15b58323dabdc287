namespace AsiArch.Sdk.Composition;

/// <summary>Base of the trainer decorators: routes every call through one cross-cutting concern.</summary>
public abstract class InterceptingTrainer : DelegatingTrainer
{
    private readonly CallInterceptor _interceptor;

    private protected InterceptingTrainer(ITrainer innerTrainer, CallInterceptor interceptor)
        : base(innerTrainer) => _interceptor = interceptor;

    /// <inheritdoc />
    public override Task<TrainingResult> TrainAsync(
        TrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _interceptor.InvokeAsync("train", request, ct => base.TrainAsync(request, progress, ct), cancellationToken);
}
