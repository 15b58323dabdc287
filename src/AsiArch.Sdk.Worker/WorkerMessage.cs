namespace AsiArch.Sdk.Worker;

/// <summary>One protocol line on standard output: <c>@@asiarch {json}</c>.</summary>
internal sealed record WorkerMessage
{
    public const string Prefix = "@@asiarch ";

    public required string Type { get; init; }

    public TrainingProgress? Progress { get; init; }

    public ProbeReport? Probes { get; init; }

    public TrainingResult? Training { get; init; }

    public ExperimentFailure? Failure { get; init; }
}
