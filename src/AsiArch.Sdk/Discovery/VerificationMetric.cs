namespace AsiArch.Sdk.Discovery;

/// <summary>The per-seed value the verification stage compares between a promoted candidate and the best baseline.</summary>
public enum VerificationMetric
{
    /// <summary>Weighted benchmark mean of the primary metrics (higher is better).</summary>
    Benchmark,

    /// <summary>Validation loss on the loss task (lower is better).</summary>
    Loss,

    /// <summary>Fitness total (higher is better).</summary>
    Fitness,
}
