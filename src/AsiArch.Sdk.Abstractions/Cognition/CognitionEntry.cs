namespace AsiArch.Sdk;

/// <summary>
/// One unit of distilled knowledge, keyed (as in ASI-ARCH) by the experimental symptoms that should trigger it.
/// </summary>
public sealed record CognitionEntry
{
    /// <summary>Stable identifier (e.g. <c>deltanet-2406.06484-1</c>); adding an entry with an existing id replaces it.</summary>
    public required string Id { get; init; }

    /// <summary>The retrieval key: symptoms in experiment language ("recall accuracy drops as pairs grow").</summary>
    public required string TriggerPatterns { get; init; }

    /// <summary>Background of the idea (under 200 words).</summary>
    public string Background { get; init; } = "";

    /// <summary>The algorithmic innovation.</summary>
    public string AlgorithmicInnovation { get; init; } = "";

    /// <summary>The design insight: why it helps.</summary>
    public string DesignInsight { get; init; } = "";

    /// <summary>How to implement it, ideally with the SDK's building blocks.</summary>
    public string ImplementationGuidance { get; init; } = "";

    /// <summary>The cited publication, for paper knowledge.</summary>
    public CognitionSource? Source { get; init; }

    /// <summary>Paper or experiment-derived.</summary>
    public CognitionKind Kind { get; init; } = CognitionKind.Paper;

    /// <summary>The experiment an experiment-derived insight came from.</summary>
    public long? ExperimentIndex { get; init; }

    /// <summary>When it was added.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
