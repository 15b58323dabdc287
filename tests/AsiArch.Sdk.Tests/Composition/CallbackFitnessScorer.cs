namespace AsiArch.Sdk.Tests.Composition;

/// <summary>A fitness scorer that returns what the callback gives.</summary>
internal sealed class CallbackFitnessScorer(Func<FitnessRequest, FitnessResult> score) : IFitnessScorer
{
    public Task<FitnessResult> ScoreAsync(FitnessRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(score(request));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
