namespace AsiArch.Sdk.Worker;

/// <summary>One protocol line on standard output: <c>@@asiarch {json}</c>.</summary>
internal sealed record WorkerMessage
{
    public const string Prefix = "@@asiarch ";

    /// <summary>Type of the line a standby worker writes once it has started (and warmed up) and waits for its job.</summary>
    public const string ReadyType = "ready";

    public required string Type { get; init; }

    public TrainingProgress? Progress { get; init; }

    public ProbeReport? Probes { get; init; }

    public TrainingResult? Training { get; init; }

    public ExperimentFailure? Failure { get; init; }
}
