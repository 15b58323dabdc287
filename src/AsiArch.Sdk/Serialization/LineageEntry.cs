namespace AsiArch.Sdk.Serialization;

/// <summary>One row of the lineage list (ASI-ARCH's <c>tree.json</c>): index, name, parent and score.</summary>
/// <param name="Index">Experiment index.</param>
/// <param name="Name">Experiment name.</param>
/// <param name="Parent">Parent index, null for roots.</param>
/// <param name="Score">Fitness total (0-3), null when unscored.</param>
public sealed record LineageEntry(long Index, string Name, long? Parent, double? Score);
