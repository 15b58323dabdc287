namespace AsiArch.Sdk.Discovery;

/// <summary>What one <see cref="DiscoveryLoop.RunAsync(DiscoveryRequest, CancellationToken)"/> explores.</summary>
public sealed record DiscoveryRequest
{
    /// <summary>The exploration profile (candidates and baselines of the run are trained on it).</summary>
    public required TrainingProfile Profile { get; init; }

    /// <summary>Run seed: training seed of candidates and baselines, and the root of every sampling draw.</summary>
    public int Seed { get; init; }

    /// <summary>Overrides <see cref="DiscoveryOptions.MaxExperiments"/> when set.</summary>
    public int? MaxExperiments { get; init; }

    /// <summary>The verification profile; null for <see cref="DiscoveryOptions.VerificationProfile"/>.</summary>
    public TrainingProfile? VerificationProfile { get; init; }

    /// <summary>Run the two-stage promotion at the end of exploration (when <see cref="DiscoveryOptions.PromotionTopK"/> &gt; 0).</summary>
    public bool Promote { get; init; } = true;
}
