namespace AsiArch.Sdk;

/// <summary>
/// ASI-ARCH's fitness: sigmoid-mapped loss and benchmark improvements plus the judge term, each in [0, 1].
/// </summary>
public sealed record FitnessScore
{
    /// <summary>Sum of the three components, 0-3 (the scale ASI-ARCH stores).</summary>
    public required double Total { get; init; }

    /// <summary><see cref="Total"/> / 3, 0-1 (the scale the paper plots).</summary>
    public double Normalized => Total / 3.0;

    /// <summary>σ(6·clip(Δloss_rel/0.10, −1, 1)).</summary>
    public required double LossComponent { get; init; }

    /// <summary>σ(6·clip(Δbench_rel/0.10, −1, 1)).</summary>
    public required double BenchmarkComponent { get; init; }

    /// <summary>(weighted judge score − 1) / 9.</summary>
    public required double JudgeComponent { get; init; }

    /// <summary>(baseline loss − loss) / baseline loss.</summary>
    public double RelativeLossImprovement { get; init; }

    /// <summary>(bench − baseline bench) / baseline bench.</summary>
    public double RelativeBenchmarkImprovement { get; init; }

    /// <summary>Loss more than 10% below the baseline: possible information leakage.</summary>
    public bool LeakageSuspected { get; init; }

    /// <summary>The raw loss and benchmark mean that were scored.</summary>
    public double Loss { get; init; }

    /// <summary>The weighted benchmark mean that was scored.</summary>
    public double BenchmarkScore { get; init; }

    /// <summary>The baseline used.</summary>
    public string? BaselineName { get; init; }

    /// <summary>Which formula produced the score (<c>asi-arch</c> or a user expression).</summary>
    public string Formula { get; init; } = "asi-arch";
}
