namespace AsiArch.Sdk;

/// <summary>The measured outcome of training one candidate on one profile and seed.</summary>
public sealed record TrainingResult
{
    /// <summary>True when training finished and every metric is finite.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>Why training failed (divergence, timeout, crash, ...).</summary>
    public ExperimentFailure? Failure { get; init; }

    /// <summary>Per-task results, in profile order.</summary>
    public IReadOnlyList<TaskResult> Tasks { get; init; } = [];

    /// <summary>Trainable parameters of the whole model.</summary>
    public long Parameters { get; init; }

    /// <summary>Mean training throughput over all tasks.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Peak resident memory of the training process, in bytes.</summary>
    public long PeakMemoryBytes { get; init; }

    /// <summary>Wall time of the training, evaluation included.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>How the training process was isolated.</summary>
    public SandboxLevel Sandbox { get; init; }

    /// <summary>Profile name.</summary>
    public string? ProfileName { get; init; }

    /// <summary>Seed used.</summary>
    public int Seed { get; init; }

    /// <summary>The device that ran the training (e.g. <c>cpu</c>, <c>cuda:0</c>).</summary>
    public string? Device { get; init; }

    /// <summary>Extra data.</summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; init; }

    /// <summary>The result of the task named <paramref name="task"/>, or null.</summary>
    public TaskResult? GetTask(string task) =>
        Tasks.FirstOrDefault(t => string.Equals(t.Task, task, StringComparison.OrdinalIgnoreCase));
}
