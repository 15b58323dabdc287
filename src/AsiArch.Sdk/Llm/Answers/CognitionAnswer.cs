using AsiArch.Sdk.Llm.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Llm.Answers;

/// <summary>The cognition extractor's answer: a background and 2-3 insights.</summary>
internal sealed record CognitionAnswer(string Background, IReadOnlyList<CognitionAnswerInsight> Insights)
{
    public const string SchemaName = "cognition";

    public const string Schema = """
        {"type":"object","properties":{
          "background":{"type":"string"},
          "insights":{"type":"array","items":{"type":"object","properties":{
             "triggerPatterns":{"type":"string"},"algorithmicInnovation":{"type":"string"},
             "designInsight":{"type":"string"},"implementationGuidance":{"type":"string"}},
             "required":["triggerPatterns","algorithmicInnovation","designInsight","implementationGuidance"],"additionalProperties":false}}},
         "required":["background","insights"],"additionalProperties":false}
        """;

    public static CognitionAnswer Read(JObject json, string text)
    {
        var background = AnswerFields.RequireString(json, "background", "BACKGROUND").Trim();
        var insights = AnswerFields.OptionalObjects(json, "insights", "entries")
            .Select(o => new CognitionAnswerInsight(
                AnswerFields.RequireString(o, "triggerPatterns", "EXPERIMENTAL_TRIGGER_PATTERNS").Trim(),
                AnswerFields.OptionalString(o, "algorithmicInnovation", "", "ALGORITHMIC_INNOVATION").Trim(),
                AnswerFields.RequireString(o, "designInsight", "DESIGN_INSIGHT").Trim(),
                AnswerFields.OptionalString(o, "implementationGuidance", "", "IMPLEMENTATION_GUIDANCE").Trim()))
            .ToList();
        if (insights.Count == 0)
        {
            throw new ModelAnswerException("\"insights\" is empty: extract 2-3 insights from the paper.");
        }

        return new CognitionAnswer(background, insights.Take(3).ToList());
    }
}
