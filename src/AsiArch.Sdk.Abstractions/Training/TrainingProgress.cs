namespace AsiArch.Sdk;

/// <summary>A progress report from a running training.</summary>
public sealed record TrainingProgress
{
    /// <summary>Stage, e.g. <c>probe</c>, <c>train</c>, <c>eval</c>.</summary>
    public string Stage { get; init; } = "train";

    /// <summary>The task being trained.</summary>
    public string Task { get; init; } = "";

    /// <summary>Current step (1-based).</summary>
    public int Step { get; init; }

    /// <summary>Steps in this task.</summary>
    public int TotalSteps { get; init; }

    /// <summary>Most recent training loss.</summary>
    public double Loss { get; init; }

    /// <summary>Time since the training started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Estimated time left for the whole training, when known.</summary>
    public TimeSpan? Remaining { get; init; }
}
