namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>
/// Trains a mixer given as a factory in this process: for the library's own baselines in tests and benchmarks. Untrusted
/// candidates go through <see cref="TrainingRequest"/> in the sandboxed worker instead.
/// </summary>
public sealed record MixerTrainingRequest
{
    /// <summary>Builds the mixer of each layer.</summary>
    public required MixerFactory Mixer { get; init; }

    /// <summary>The training profile.</summary>
    public required TrainingProfile Profile { get; init; }

    /// <summary>Seed for initialisation, data order and generated benchmarks.</summary>
    public int Seed { get; init; }

    /// <summary>Where to train.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Auto;

    /// <summary>Torch intra-op threads; null keeps the runtime's setting.</summary>
    public int? Threads { get; init; }

    /// <summary>The mixer's source file name, to pick its frames out of stack traces (e.g. <c>Layer.cs</c>).</summary>
    public string? SourceFileName { get; init; }

    /// <summary>A name for logs.</summary>
    public string? RunName { get; init; }
}
