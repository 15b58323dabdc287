using AsiArch.Sdk.Llm.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Llm.Answers;

/// <summary>The analyst's answer: the five ASI-ARCH sections and up to two lessons.</summary>
internal sealed record AnalysisAnswer(
    string DesignEvaluation,
    string ResultsAnalysis,
    string ExpectationVsReality,
    string TheoreticalExplanation,
    string SynthesisAndInsights,
    IReadOnlyList<(string TriggerPatterns, string DesignInsight)> Insights)
{
    public const string SchemaName = "analysis";

    public const string Schema = """
        {"type":"object","properties":{
          "designEvaluation":{"type":"string"},
          "resultsAnalysis":{"type":"string"},
          "expectationVsReality":{"type":"string"},
          "theoreticalExplanation":{"type":"string"},
          "synthesisAndInsights":{"type":"string"},
          "insights":{"type":"array","items":{"type":"object","properties":{
             "triggerPatterns":{"type":"string"},"designInsight":{"type":"string"}},
             "required":["triggerPatterns","designInsight"],"additionalProperties":false}}},
         "required":["designEvaluation","resultsAnalysis","expectationVsReality","theoreticalExplanation","synthesisAndInsights","insights"],
         "additionalProperties":false}
        """;

    public static AnalysisAnswer Read(JObject json, string text)
    {
        var insights = AnswerFields.OptionalObjects(json, "insights")
            .Select(o => (AnswerFields.RequireString(o, "triggerPatterns", "trigger_patterns"), AnswerFields.RequireString(o, "designInsight", "design_insight", "insight")))
            .Take(2)
            .ToList();
        return new AnalysisAnswer(
            AnswerFields.RequireString(json, "designEvaluation", "design_evaluation"),
            AnswerFields.RequireString(json, "resultsAnalysis", "experimental_results_analysis", "experimentalResultsAnalysis"),
            AnswerFields.RequireString(json, "expectationVsReality", "expectation_vs_reality_comparison"),
            AnswerFields.RequireString(json, "theoreticalExplanation", "theoretical_explanation_with_evidence"),
            AnswerFields.RequireString(json, "synthesisAndInsights", "synthesis_and_insights"),
            insights);
    }
}
