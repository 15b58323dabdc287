namespace AsiArch.Sdk.Llm.Answers;

/// <summary>One extracted insight.</summary>
internal sealed record CognitionAnswerInsight(string TriggerPatterns, string AlgorithmicInnovation, string DesignInsight, string ImplementationGuidance);
