namespace AsiArch.Sdk;

/// <summary>
/// Where an experiment stands. Every transition is committed before the next step starts, so a restart resumes
/// from the last committed state (see <see cref="ExperimentLifecycle"/>).
/// </summary>
public enum ExperimentStatus
{
    /// <summary>The researcher's proposal is stored.</summary>
    Proposed,

    /// <summary>Compiled and passed the safety gate.</summary>
    Implemented,

    /// <summary>Passed the contract check and sanity probes.</summary>
    Validated,

    /// <summary>Training in a worker.</summary>
    Training,

    /// <summary>Trained, benchmarked and scored.</summary>
    Evaluated,

    /// <summary>The analyst's report is stored.</summary>
    Analyzed,

    /// <summary>Finished; its knowledge is in the stores.</summary>
    Done,

    /// <summary>Stopped with a typed failure (kept as negative knowledge).</summary>
    Failed,
}
