namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>
/// A fitness scorer driven by a callback. By default the total is the mean of the weighted tasks' <c>accuracy</c>
/// (0 when a task has none) plus 1 when the loss task's validation loss beats the baseline; a failed training is a
/// <see cref="FailureKind.MissingMetric"/> failure. Counts its calls (thread-safe).
/// </summary>
public sealed class FakeFitnessScorer : IFitnessScorer
{
    private int _calls;

    /// <summary>Called for <see cref="ScoreAsync"/>; null for the default.</summary>
    public Func<FitnessRequest, CancellationToken, Task<FitnessResult>>? ScoreCallback { get; set; }

    /// <summary>Number of calls so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc />
    public async Task<FitnessResult> ScoreAsync(FitnessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        if (ScoreCallback is { } callback)
        {
            return await callback(request, cancellationToken).ConfigureAwait(false);
        }

        if (!request.Result.Succeeded)
        {
            return FitnessResult.Fail(new ExperimentFailure(FailureKind.MissingMetric, $"The training failed ({request.Result.Failure}); nothing to score."));
        }

        var weighted = request.Profile.Benchmarks.Where(b => b.Weight > 0).ToList();
        var bench = weighted.Count == 0
            ? 0
            : weighted.Average(b => request.Result.GetTask(b.Name)?.Metrics.GetValueOrDefault("accuracy") ?? 0);
        var loss = request.Result.GetTask(request.Profile.LossTask)?.ValidationLoss ?? double.NaN;
        var lossComponent = double.IsFinite(loss) && loss < request.Baseline.Loss ? 1.0 : 0.0;
        return FitnessResult.Success(new FitnessScore
        {
            Total = bench + lossComponent,
            BenchmarkComponent = bench,
            LossComponent = lossComponent,
            JudgeComponent = 0,
            Loss = loss,
            BenchmarkScore = bench,
            BaselineName = request.Baseline.Name,
            Formula = "fake",
        });
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
