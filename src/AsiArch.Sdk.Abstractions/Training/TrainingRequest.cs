namespace AsiArch.Sdk;

/// <summary>Asks a trainer to train one compiled candidate on a profile.</summary>
public sealed record TrainingRequest
{
    /// <summary>The compiled candidate.</summary>
    public required CandidateArtifact Candidate { get; init; }

    /// <summary>The training profile.</summary>
    public required TrainingProfile Profile { get; init; }

    /// <summary>Seed for initialisation, data order and generated benchmarks.</summary>
    public int Seed { get; init; }

    /// <summary>Where to train.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Auto;

    /// <summary>Torch intra-op threads; null means all cores for one job.</summary>
    public int? Threads { get; init; }

    /// <summary>A name for logs.</summary>
    public string? RunName { get; init; }

    /// <summary>Extra data.</summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; init; }
}
