namespace AsiArch.Sdk.Composition;

/// <summary>Facts interceptors read from the known request and result types (experiment index, typed failure).</summary>
internal static class CallDetails
{
    /// <summary>The experiment a request belongs to, when it says.</summary>
    public static long? ExperimentIndex(object? request) => request switch
    {
        ResearchContext r => r.ExperimentIndex,
        ImplementationRequest r => r.ExperimentIndex,
        EvaluationRequest r => r.ExperimentIndex,
        AnalysisRequest r => r.Experiment.Index,
        JudgeRequest r => r.Experiment.Index,
        FitnessRequest r => r.Experiment?.Index,
        _ => null,
    };

    /// <summary>The domain failure a result carries as data, if any.</summary>
    public static ExperimentFailure? Failure(object? result) => result switch
    {
        ImplementationResult r => r.Failure,
        EvaluationResult r => r.Failure,
        TrainingResult r => r.Failure,
        FitnessResult r => r.Failure,
        _ => null,
    };
}
