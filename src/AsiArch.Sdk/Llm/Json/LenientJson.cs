using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Llm.Json;

/// <summary>
/// Finds the JSON object in a model's answer: inside a code fence, surrounded by prose, with trailing commas, single
/// quotes or comments. Reports why it could not (empty, no object, truncated, syntax error at line:column).
/// </summary>
public static partial class LenientJson
{
    private const int MaxStartPositions = 32;

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        CommentHandling = CommentHandling.Ignore,
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
        LineInfoHandling = LineInfoHandling.Load,
    };

    /// <summary>Parses the first JSON object of <paramref name="text"/>.</summary>
    /// <param name="text">The model's answer.</param>
    /// <param name="value">The object, when found.</param>
    /// <param name="error">Why no object was found; null on success.</param>
    /// <returns>True when an object was found.</returns>
    public static bool TryParseObject(string? text, out JObject? value, out string? error)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The answer was empty.";
            return false;
        }

        string? firstError = null;
        foreach (var candidate in Candidates(text))
        {
            if (TryParse(candidate, out value, out var candidateError))
            {
                error = null;
                return true;
            }

            firstError ??= candidateError;
        }

        if (text.IndexOf('{', StringComparison.Ordinal) < 0)
        {
            error = LooksLikeRefusal(text)
                ? "The answer is a refusal or prose without any JSON object; answer with the JSON object only."
                : "The answer contains no JSON object; answer with the JSON object only.";
            return false;
        }

        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (FindObjectEnd(text, start) < 0)
        {
            error = "The JSON object is incomplete (the answer ends before its closing brace, probably truncated); " +
                    "answer again, more concisely.";
            return false;
        }

        error = firstError ?? "The answer's JSON could not be parsed.";
        return false;
    }

    /// <summary>True when the text reads like a refusal ("I can't help with that").</summary>
    public static bool LooksLikeRefusal(string text) => RefusalPattern().IsMatch(text);

    private static IEnumerable<string> Candidates(string text)
    {
        foreach (Match fence in FencePattern().Matches(text))
        {
            var body = fence.Groups["body"].Value;
            if (body.TrimStart().StartsWith('{'))
            {
                yield return body;
            }
        }

        var starts = 0;
        for (var i = text.IndexOf('{', StringComparison.Ordinal); i >= 0 && starts < MaxStartPositions;
             i = text.IndexOf('{', i + 1))
        {
            starts++;
            var end = FindObjectEnd(text, i);
            if (end > i)
            {
                yield return text[i..(end + 1)];
            }
        }
    }

    private static bool TryParse(string candidate, out JObject? value, out string? error)
    {
        value = null;
        try
        {
            var cleaned = RemoveTrailingCommas(candidate);
            using var reader = new JsonTextReader(new StringReader(cleaned)) { DateParseHandling = DateParseHandling.None };
            var token = JToken.ReadFrom(reader, LoadSettings);
            if (token is JObject obj)
            {
                value = obj;
                error = null;
                return true;
            }

            error = $"Expected a JSON object but found a {token.Type}.";
            return false;
        }
        catch (JsonException ex)
        {
            error = "Invalid JSON: " + ex.Message;
            return false;
        }
    }

    /// <summary>Index of the brace closing the object that opens at <paramref name="start"/>, or -1 when unbalanced.</summary>
    internal static int FindObjectEnd(string text, int start)
    {
        var depth = 0;
        char quote = '\0';
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    /// <summary>Drops commas that directly precede a closing brace or bracket (outside strings).</summary>
    internal static string RemoveTrailingCommas(string json)
    {
        var sb = new StringBuilder(json.Length);
        char quote = '\0';
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (quote != '\0')
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    sb.Append(json[++i]);
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == ',')
            {
                var j = i + 1;
                while (j < json.Length && char.IsWhiteSpace(json[j]))
                {
                    j++;
                }

                if (j < json.Length && json[j] is '}' or ']')
                {
                    continue;
                }
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"```[ \t]*(?:json|JSON|javascript)?[ \t]*\r?\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"\b(I can(?:'|no)t|I cannot|I'm sorry|I am sorry|I won't|I will not|unable to (?:help|assist|comply))\b", RegexOptions.IgnoreCase)]
    private static partial Regex RefusalPattern();
}
