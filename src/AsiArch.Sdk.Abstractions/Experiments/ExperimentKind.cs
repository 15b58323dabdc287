namespace AsiArch.Sdk;

/// <summary>What an experiment record is.</summary>
public enum ExperimentKind
{
    /// <summary>A proposal of the researcher.</summary>
    Candidate,

    /// <summary>A seed architecture the run starts from (ASI-ARCH: DeltaNet at index 1).</summary>
    Seed,

    /// <summary>A human baseline measured for comparison.</summary>
    Baseline,

    /// <summary>A re-training of a candidate on a bigger profile or another seed (two-stage protocol).</summary>
    Promotion,
}
