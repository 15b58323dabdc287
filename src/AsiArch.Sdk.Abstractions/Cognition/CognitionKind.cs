namespace AsiArch.Sdk;

/// <summary>Where a cognition entry came from.</summary>
public enum CognitionKind
{
    /// <summary>Distilled from a published paper.</summary>
    Paper,

    /// <summary>Learned from this system's own experiments.</summary>
    ExperimentDerived,
}
