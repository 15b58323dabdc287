using AsiArch.Sdk.Llm.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Llm.Answers;

/// <summary>The summarizer's answer: <c>{experience}</c>.</summary>
internal sealed record BriefingAnswer(string Experience)
{
    public const string SchemaName = "briefing";

    public const string Schema = """
        {"type":"object","properties":{"experience":{"type":"string"}},"required":["experience"],"additionalProperties":false}
        """;

    public static BriefingAnswer Read(JObject json, string text) =>
        new(AnswerFields.RequireString(json, "experience", "briefing", "summary").Trim());
}
