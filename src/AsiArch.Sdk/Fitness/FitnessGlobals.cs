namespace AsiArch.Sdk.Fitness;

/// <summary>
/// The values a user-defined fitness formula or candidate filter can read (as bare names, e.g.
/// <c>LossComponent + BenchmarkComponent</c>). <c>System.Math</c> is imported.
/// </summary>
public sealed class FitnessGlobals
{
    /// <summary>Validation loss on the profile's loss task.</summary>
    public double Loss { get; init; }

    /// <summary>Weighted benchmark mean of the primary metrics.</summary>
    public double Benchmark { get; init; }

    /// <summary>The baseline's validation loss.</summary>
    public double BaselineLoss { get; init; }

    /// <summary>The baseline's weighted benchmark mean.</summary>
    public double BaselineBenchmark { get; init; }

    /// <summary>(baseline loss − loss) / baseline loss.</summary>
    public double RelativeLoss { get; init; }

    /// <summary>(bench − baseline bench) / baseline bench.</summary>
    public double RelativeBenchmark { get; init; }

    /// <summary>ASI-ARCH loss component, 0-1.</summary>
    public double LossComponent { get; init; }

    /// <summary>ASI-ARCH benchmark component, 0-1.</summary>
    public double BenchmarkComponent { get; init; }

    /// <summary>ASI-ARCH judge component, 0-1 (0 when no judge ran).</summary>
    public double JudgeComponent { get; init; }

    /// <summary>Judge performance sub-score, 1-10 (0 when no judge ran).</summary>
    public double Performance { get; init; }

    /// <summary>Judge innovation sub-score, 1-10 (0 when no judge ran).</summary>
    public double Innovation { get; init; }

    /// <summary>Judge complexity sub-score, 1-10 (0 when no judge ran).</summary>
    public double Complexity { get; init; }

    /// <summary>Trainable parameters of the trained model, when reported.</summary>
    public double Parameters { get; init; }

    /// <summary>Training throughput in tokens per second, when reported.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>The primary metric of each task, by task name.</summary>
    public IReadOnlyDictionary<string, double> Tasks { get; init; } = new Dictionary<string, double>();
}
