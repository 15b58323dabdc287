using System.Text;
using System.Text.RegularExpressions;

namespace AsiArch.Sdk.Llm.Prompts;

/// <summary>
/// Puts untrusted text (earlier analyses, motivations, code, paper text, model output) into a prompt as a delimited
/// data block. Anything in the text that looks like the block's own delimiters is defused, so the text cannot close
/// its block and speak as instructions.
/// </summary>
public static partial class PromptData
{
    /// <summary>Wraps <paramref name="text"/> in a <c>&lt;data&gt;</c> block labelled <paramref name="label"/>.</summary>
    public static string Block(string label, string? text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var sb = new StringBuilder();
        sb.Append("<data source=\"").Append(SafeLabel().Replace(label, "_")).AppendLine("\">");
        sb.AppendLine(Defuse(text ?? ""));
        sb.Append("</data>");
        return sb.ToString();
    }

    /// <summary>Defuses data delimiters inside <paramref name="text"/>.</summary>
    public static string Defuse(string text) => Delimiter().Replace(text, m => m.Value.Replace("data", "data\u200B", StringComparison.OrdinalIgnoreCase));

    /// <summary>Numbers the lines of source code (1-based), for diagnostics that point at lines.</summary>
    public static string NumberLines(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var width = lines.Length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            sb.Append((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)).Append(" | ").AppendLine(lines[i]);
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters with a marker.</summary>
    public static string Clip(string? text, int max)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= max)
        {
            return text ?? "";
        }

        return text[..max] + $"\n[... {text.Length - max} more characters cut ...]";
    }

    [GeneratedRegex(@"</?\s*data\b", RegexOptions.IgnoreCase)]
    private static partial Regex Delimiter();

    [GeneratedRegex(@"[^A-Za-z0-9 _.,#:\-]")]
    private static partial Regex SafeLabel();
}
