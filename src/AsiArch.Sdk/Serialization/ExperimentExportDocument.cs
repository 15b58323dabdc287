namespace AsiArch.Sdk.Serialization;

/// <summary>
/// The whole content of an experiment store as one JSON document: the full records (shaped like ASI-ARCH's
/// gallery <c>106.json</c>), the lineage list (like its <c>tree.json</c>), and the pool, model interactions and run
/// values that a resumed run needs.
/// </summary>
public sealed record ExperimentExportDocument
{
    /// <summary>The format name written in every export.</summary>
    public const string FormatName = "asiarch-experiments";

    /// <summary>The format version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>When the export was made.</summary>
    public DateTimeOffset ExportedAt { get; init; }

    /// <summary>Every experiment, by index.</summary>
    public IReadOnlyList<ExperimentRecord> Experiments { get; init; } = [];

    /// <summary>The lineage view of <see cref="Experiments"/> (derived; ignored on import).</summary>
    public IReadOnlyList<LineageEntry> Tree { get; init; } = [];

    /// <summary>The candidate pool, best first.</summary>
    public IReadOnlyList<long> Pool { get; init; } = [];

    /// <summary>Every model interaction, oldest first.</summary>
    public IReadOnlyList<ModelInteraction> Interactions { get; init; } = [];

    /// <summary>Run-level values by key.</summary>
    public IReadOnlyDictionary<string, string> RunValues { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
