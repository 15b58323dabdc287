namespace AsiArch.Sdk;

/// <summary>Trains a compiled candidate inside the backbone LM and measures it on the profile's benchmarks.</summary>
/// <remarks>
/// Domain failures (divergence, timeout, crash) come back in <see cref="TrainingResult.Failure"/>; exceptions are for
/// contract violations and cancellation.
/// </remarks>
public interface ITrainer : IAsiArchComponent
{
    /// <summary>Trains and evaluates the candidate.</summary>
    Task<TrainingResult> TrainAsync(
        TrainingRequest request,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
