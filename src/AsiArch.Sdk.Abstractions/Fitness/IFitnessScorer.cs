namespace AsiArch.Sdk;

/// <summary>Turns measured results (and a judge's sub-scores) into one number.</summary>
public interface IFitnessScorer : IAsiArchComponent
{
    /// <summary>Scores a result. A missing or non-finite metric is a failure, never a silent default.</summary>
    Task<FitnessResult> ScoreAsync(FitnessRequest request, CancellationToken cancellationToken = default);
}
