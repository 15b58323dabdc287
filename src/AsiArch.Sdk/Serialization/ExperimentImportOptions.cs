namespace AsiArch.Sdk.Serialization;

/// <summary>How <see cref="ExperimentImporter"/> imports.</summary>
public sealed record ExperimentImportOptions
{
    /// <summary>
    /// Import into a store that already holds experiments (refused by default, since it mixes two runs). Indexes must
    /// not collide with existing ones.
    /// </summary>
    public bool AllowNonEmptyStore { get; init; }
}
