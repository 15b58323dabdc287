using AsiArch.Sdk.Llm.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Llm.Answers;

/// <summary>The repairer's answer: <c>{changes, source}</c>.</summary>
internal sealed record RepairAnswer(string Changes, string Source)
{
    public const string SchemaName = "repair";

    public const string Schema = """
        {"type":"object","properties":{
          "changes":{"type":"string"},
          "source":{"type":"string","description":"the complete fixed C# file"}},
         "required":["changes","source"],"additionalProperties":false}
        """;

    public static RepairAnswer Read(JObject json, string failingSource)
    {
        var source = CandidateShape.StripFence(AnswerFields.RequireString(json, "source", "code", "program"));
        if (CandidateShape.Check(source) is { } shapeError)
        {
            throw new ModelAnswerException(shapeError);
        }

        if (Normalize(source) == Normalize(failingSource))
        {
            throw new ModelAnswerException("The \"source\" is identical to the failing source; change it so the failure is fixed.");
        }

        return new RepairAnswer(AnswerFields.OptionalString(json, "changes", "", "changes_made", "notes").Trim(), source);
    }

    private static string Normalize(string code) => code.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
