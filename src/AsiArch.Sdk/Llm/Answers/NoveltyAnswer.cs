using System.Globalization;
using AsiArch.Sdk.Llm.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Llm.Answers;

/// <summary>The novelty checker's answer: <c>{isDuplicate, similarTo[], reason}</c>.</summary>
internal sealed record NoveltyAnswer(bool IsDuplicate, IReadOnlyList<long> SimilarTo, string Reason)
{
    public const string SchemaName = "novelty";

    public const string Schema = """
        {"type":"object","properties":{
          "isDuplicate":{"type":"boolean"},
          "similarTo":{"type":"array","items":{"type":"integer"}},
          "reason":{"type":"string"}},
         "required":["isDuplicate","similarTo","reason"],"additionalProperties":false}
        """;

    public static NoveltyAnswer Read(JObject json, IReadOnlyCollection<long> known)
    {
        var duplicate = AnswerFields.RequireBool(json, "isDuplicate", "is_repeated", "isRepeated", "duplicate");
        var similar = AnswerFields.OptionalIntegers(json, "similarTo", "repeated_index", "repeatedIndex");
        var unknown = similar.Where(i => !known.Contains(i)).ToList();
        if (unknown.Count > 0)
        {
            throw new ModelAnswerException(string.Create(CultureInfo.InvariantCulture,
                $"\"similarTo\" lists {string.Join(", ", unknown)}, which are not among the given experiments ({string.Join(", ", known)})."));
        }

        if (duplicate && similar.Count == 0)
        {
            throw new ModelAnswerException("\"isDuplicate\" is true but \"similarTo\" names no earlier experiment.");
        }

        return new NoveltyAnswer(duplicate, duplicate ? similar.Distinct().ToList() : [], AnswerFields.OptionalString(json, "reason", "", "judgement_reason").Trim());
    }
}
