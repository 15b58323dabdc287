using AsiArch.Sdk.Llm.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Llm.Answers;

/// <summary>The judge's answer: three 1-10 scores and a reason. Scores are clamped to 1-10 here; weighting is the fitness scorer's.</summary>
internal sealed record JudgeAnswer(double Performance, double Innovation, double Complexity, string Reason)
{
    public const string SchemaName = "judgement";

    public const string Schema = """
        {"type":"object","properties":{
          "performance":{"type":"number"},"innovation":{"type":"number"},"complexity":{"type":"number"},
          "reason":{"type":"string"}},
         "required":["performance","innovation","complexity","reason"],"additionalProperties":false}
        """;

    public static JudgeAnswer Read(JObject json, string text) => new(
        Clamp(AnswerFields.RequireNumber(json, "performance", "performance_score", "performanceScore")),
        Clamp(AnswerFields.RequireNumber(json, "innovation", "innovation_score", "innovationScore")),
        Clamp(AnswerFields.RequireNumber(json, "complexity", "complexity_score", "complexityScore")),
        AnswerFields.OptionalString(json, "reason", "", "judgement_reason").Trim());

    /// <summary>Scores outside the scale are clamped, never trusted.</summary>
    public static double Clamp(double score) => Math.Clamp(score, 1.0, 10.0);
}
