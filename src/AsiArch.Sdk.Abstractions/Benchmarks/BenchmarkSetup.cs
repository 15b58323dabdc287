namespace AsiArch.Sdk;

/// <summary>How a benchmark should generate or load its data for one training.</summary>
public sealed record BenchmarkSetup
{
    /// <summary>Sequence length of every batch.</summary>
    public required int SequenceLength { get; init; }

    /// <summary>Seed of every random choice; the same seed gives the same data.</summary>
    public int Seed { get; init; }

    /// <summary>Task settings from the profile's <see cref="BenchmarkSpec.Settings"/>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
