using System.Globalization;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Llm.Json;

/// <summary>
/// Typed reads of a model's JSON object. Names match case-insensitively and also in snake_case; a missing field or a
/// wrong type throws <see cref="ModelAnswerException"/> with a message the model can act on.
/// </summary>
public static class AnswerFields
{
    /// <summary>A non-empty string field.</summary>
    public static string RequireString(JObject answer, string name, params string[] aliases)
    {
        var token = Find(answer, name, aliases);
        return token switch
        {
            null or { Type: JTokenType.Null } => throw new ModelAnswerException($"The field \"{name}\" is missing."),
            { Type: JTokenType.String } when !string.IsNullOrWhiteSpace((string?)token) => (string)token!,
            { Type: JTokenType.String } => throw new ModelAnswerException($"The field \"{name}\" is empty."),
            _ => throw new ModelAnswerException($"The field \"{name}\" must be a string, got {Describe(token)}."),
        };
    }

    /// <summary>A string field, or <paramref name="fallback"/> when absent.</summary>
    public static string OptionalString(JObject answer, string name, string fallback = "", params string[] aliases)
    {
        var token = Find(answer, name, aliases);
        return token switch
        {
            null or { Type: JTokenType.Null } => fallback,
            { Type: JTokenType.String } => (string?)token ?? fallback,
            { Type: JTokenType.Array } => string.Join("\n", token.Select(t => t.ToString())),
            _ => throw new ModelAnswerException($"The field \"{name}\" must be a string, got {Describe(token)}."),
        };
    }

    /// <summary>A finite number (a JSON number or a numeric string such as "7").</summary>
    public static double RequireNumber(JObject answer, string name, params string[] aliases)
    {
        var token = Find(answer, name, aliases);
        double value = token switch
        {
            null or { Type: JTokenType.Null } => throw new ModelAnswerException($"The field \"{name}\" is missing."),
            { Type: JTokenType.Integer or JTokenType.Float } => token.Value<double>(),
            { Type: JTokenType.String } when double.TryParse((string?)token, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new ModelAnswerException($"The field \"{name}\" must be a number, got {Describe(token)}."),
        };
        if (!double.IsFinite(value))
        {
            throw new ModelAnswerException($"The field \"{name}\" must be a finite number, got {value}.");
        }

        return value;
    }

    /// <summary>A boolean (a JSON boolean or the strings "true"/"false").</summary>
    public static bool RequireBool(JObject answer, string name, params string[] aliases)
    {
        var token = Find(answer, name, aliases);
        return token switch
        {
            null or { Type: JTokenType.Null } => throw new ModelAnswerException($"The field \"{name}\" is missing."),
            { Type: JTokenType.Boolean } => token.Value<bool>(),
            { Type: JTokenType.String } when bool.TryParse((string?)token, out var parsed) => parsed,
            _ => throw new ModelAnswerException($"The field \"{name}\" must be true or false, got {Describe(token)}."),
        };
    }

    /// <summary>An array of integers (absent: empty).</summary>
    public static IReadOnlyList<long> OptionalIntegers(JObject answer, string name, params string[] aliases)
    {
        var token = Find(answer, name, aliases);
        if (token is null or { Type: JTokenType.Null })
        {
            return [];
        }

        if (token is not JArray array)
        {
            throw new ModelAnswerException($"The field \"{name}\" must be an array of integers, got {Describe(token)}.");
        }

        var result = new List<long>();
        foreach (var item in array)
        {
            if (item.Type == JTokenType.Integer)
            {
                result.Add(item.Value<long>());
            }
            else if (item.Type == JTokenType.String && long.TryParse((string?)item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                result.Add(parsed);
            }
            else
            {
                throw new ModelAnswerException($"The field \"{name}\" must hold integers, got {Describe(item)}.");
            }
        }

        return result;
    }

    /// <summary>An array of objects (absent: empty).</summary>
    public static IReadOnlyList<JObject> OptionalObjects(JObject answer, string name, params string[] aliases)
    {
        var token = Find(answer, name, aliases);
        return token switch
        {
            null or { Type: JTokenType.Null } => [],
            JArray array when array.All(t => t is JObject) => array.Cast<JObject>().ToList(),
            _ => throw new ModelAnswerException($"The field \"{name}\" must be an array of objects, got {Describe(token)}."),
        };
    }

    private static JToken? Find(JObject answer, string name, string[] aliases)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.GetValue(name, StringComparison.OrdinalIgnoreCase) is { } direct)
        {
            return direct;
        }

        var snake = ToSnakeCase(name);
        if (answer.GetValue(snake, StringComparison.OrdinalIgnoreCase) is { } snaked)
        {
            return snaked;
        }

        foreach (var alias in aliases)
        {
            if (answer.GetValue(alias, StringComparison.OrdinalIgnoreCase) is { } aliased)
            {
                return aliased;
            }
        }

        return null;
    }

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Describe(JToken token)
    {
        var text = token.ToString(Newtonsoft.Json.Formatting.None);
        if (text.Length > 60)
        {
            text = text[..60] + "...";
        }

        return $"{token.Type.ToString().ToLowerInvariant()} {text}";
    }
}
