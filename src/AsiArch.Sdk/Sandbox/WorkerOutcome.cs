namespace AsiArch.Sdk.Sandbox;

/// <summary>What one worker run produced: probe measurements or a training result, or a failure.</summary>
public sealed record WorkerOutcome
{
    /// <summary>Probe measurements, for a probe job that got that far.</summary>
    public ProbeReport? Probes { get; init; }

    /// <summary>The training result, for a training job that finished.</summary>
    public TrainingResult? Training { get; init; }

    /// <summary>Why the run failed (candidate failure, timeout, memory, crash), or null.</summary>
    public ExperimentFailure? Failure { get; init; }

    /// <summary>How the worker was isolated.</summary>
    public SandboxLevel Sandbox { get; init; }

    /// <summary>Peak memory of the worker tree, in bytes.</summary>
    public long PeakMemoryBytes { get; init; }

    /// <summary>Wall time of the run, worker start-up included.</summary>
    public TimeSpan Duration { get; init; }
}
