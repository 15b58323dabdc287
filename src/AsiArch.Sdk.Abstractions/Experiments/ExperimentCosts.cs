namespace AsiArch.Sdk;

/// <summary>What an experiment cost.</summary>
public sealed record ExperimentCosts
{
    /// <summary>No cost.</summary>
    public static ExperimentCosts None { get; } = new();

    /// <summary>Model tokens and money over every model call of the experiment.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.Zero;

    /// <summary>Worker wall time (probes and training), in seconds.</summary>
    public double ComputeSeconds { get; init; }

    /// <summary>Adds model usage.</summary>
    public ExperimentCosts Add(TokenUsage usage) => this with { Usage = Usage + usage };

    /// <summary>Adds compute time.</summary>
    public ExperimentCosts AddCompute(TimeSpan duration) => this with { ComputeSeconds = ComputeSeconds + duration.TotalSeconds };
}
