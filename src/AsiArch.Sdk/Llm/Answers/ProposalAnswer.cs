using System.Text.RegularExpressions;
using AsiArch.Sdk.Llm.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Llm.Answers;

/// <summary>The planner's and deduplicator's answer: <c>{name, motivation, source}</c>.</summary>
internal sealed partial record ProposalAnswer(string Name, string Motivation, string Source)
{
    public const string SchemaName = "proposal";

    public const string Schema = """
        {"type":"object","properties":{
          "name":{"type":"string","description":"PascalCase design name, also the class name"},
          "motivation":{"type":"string"},
          "source":{"type":"string","description":"the complete C# file"}},
         "required":["name","motivation","source"],"additionalProperties":false}
        """;

    public static ProposalAnswer Read(JObject json, string text)
    {
        var motivation = AnswerFields.RequireString(json, "motivation", "rationale");
        var source = AnswerFields.OptionalString(json, "source", "", "code", "program");
        if (string.IsNullOrWhiteSpace(source))
        {
            // Models sometimes put the code in a fenced block next to the JSON instead of inside it.
            var fence = CSharpFence().Match(text);
            source = fence.Success ? fence.Groups["code"].Value : "";
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            throw new ModelAnswerException("The field \"source\" is missing: it must hold the complete C# file of the layer.");
        }

        source = CandidateShape.StripFence(source);
        if (CandidateShape.Check(source) is { } shapeError)
        {
            throw new ModelAnswerException(shapeError);
        }

        var className = CandidateShape.ClassName(source)!;
        var name = AnswerFields.OptionalString(json, "name", "", "title").Trim();
        if (name.Length == 0 || name.Length > 80 || !SafeName().IsMatch(name))
        {
            name = className;
        }

        return new ProposalAnswer(name, motivation.Trim(), source);
    }

    [GeneratedRegex(@"```(?:csharp|cs|c#)[ \t]*\r?\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CSharpFence();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-]*$")]
    private static partial Regex SafeName();
}
