using AsiArch.Sdk.TorchSharp.Benchmarks;

namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>Settings of a <see cref="TorchSharpTrainer"/> that the profile does not cover.</summary>
public sealed record TorchSharpTrainerOptions
{
    /// <summary>Where benchmark names are looked up; null uses a registry of the built-in tasks.</summary>
    public BenchmarkRegistry? Benchmarks { get; init; }

    /// <summary>Number format of training; <see cref="TrainingPrecision.Auto"/> picks bf16 on CUDA only.</summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Auto;

    /// <summary>
    /// A full garbage collection every this many steps: native tensor memory is held by finalizable wrappers, and
    /// without it resident memory climbs to 1-2 GB (DESIGN.md §9).
    /// </summary>
    public int GcInterval { get; init; } = 8;

    /// <summary>
    /// Divergence: the mean training loss of a recording window above this multiple of max(first loss, ln vocab)
    /// stops training with <see cref="FailureKind.NonFinite"/>.
    /// </summary>
    public double DivergenceFactor { get; init; } = 3.0;

    /// <summary>AdamW first-moment decay.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW second-moment decay.</summary>
    public double Beta2 { get; init; } = 0.95;

    /// <summary>AdamW epsilon.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>The isolation level reported on results (the worker sets what it actually runs under).</summary>
    public SandboxLevel Sandbox { get; init; } = SandboxLevel.InProcess;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        if (GcInterval <= 0)
        {
            throw new ArgumentException($"GcInterval must be positive, got {GcInterval}.", nameof(GcInterval));
        }

        if (!(DivergenceFactor > 1) || !double.IsFinite(DivergenceFactor))
        {
            throw new ArgumentException($"DivergenceFactor must be a finite number above 1, got {DivergenceFactor}.", nameof(DivergenceFactor));
        }

        if (!(Beta1 is >= 0 and < 1) || !(Beta2 is >= 0 and < 1) || !(Epsilon > 0))
        {
            throw new ArgumentException("AdamW betas must be in [0, 1) and epsilon positive.", nameof(Beta1));
        }
    }
}
