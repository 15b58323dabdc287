namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>Everything one task's training needs, prepared before the torch thread starts.</summary>
internal sealed record TaskRun
{
    public required string Task { get; init; }

    public required IBenchmarkData Data { get; init; }

    public required IReadOnlyList<TokenBatch> Validation { get; init; }

    public required TrainingProfile Profile { get; init; }

    public required int Steps { get; init; }

    public required int TorchSeed { get; init; }

    public required MixerFactory Mixer { get; init; }

    public required global::TorchSharp.torch.Device Device { get; init; }

    public required bool BFloat16 { get; init; }

    public string? SourceFileName { get; init; }

    /// <summary>Reports a finished step (1-based) and its loss.</summary>
    public required Action<int, double> OnStep { get; init; }
}
