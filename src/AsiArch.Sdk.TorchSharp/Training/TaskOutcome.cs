namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>What training one benchmark task produced: its result (partial when it failed) and model facts.</summary>
internal sealed record TaskOutcome
{
    public required TaskResult Result { get; init; }

    public ExperimentFailure? Failure { get; init; }

    public long Parameters { get; init; }

    public long MixerParameters { get; init; }

    public double FlopsPerToken { get; init; }

    public long TrainTokens { get; init; }

    public double TrainSeconds { get; init; }
}
