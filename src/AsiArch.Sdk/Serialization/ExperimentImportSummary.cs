namespace AsiArch.Sdk.Serialization;

/// <summary>What an import wrote.</summary>
/// <param name="Experiments">Experiments imported.</param>
/// <param name="Interactions">Model interactions imported.</param>
/// <param name="RunValues">Run values imported.</param>
/// <param name="PoolSize">Size of the imported candidate pool.</param>
public sealed record ExperimentImportSummary(int Experiments, int Interactions, int RunValues, int PoolSize);
