using System.Text;

namespace AsiArch.Sdk.Reporting.Rendering;

/// <summary>Escaping for untrusted text in Markdown, so names and prose cannot inject HTML, links or table cells.</summary>
public static class MarkdownText
{
    /// <summary>Escapes inline text: HTML characters become entities; Markdown punctuation and table pipes are backslash-escaped; newlines become spaces.</summary>
    /// <param name="text">Untrusted text.</param>
    public static string Inline(string? text)
    {
        var sb = new StringBuilder();
        foreach (var c in text ?? "")
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r': break;
                case '\n': sb.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' or '!' or '(' or ')' or '{' or '}':
                    sb.Append('\\').Append(c);
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Escapes a multi-line paragraph: like <see cref="Inline"/> but keeps line breaks (as hard breaks).</summary>
    /// <param name="text">Untrusted text.</param>
    public static string Block(string? text) =>
        string.Join("  \n", (text ?? "").Replace("\r", "", StringComparison.Ordinal).Trim().Split('\n').Select(Inline));

    /// <summary>A fenced code block whose fence is longer than any backtick run inside <paramref name="code"/>.</summary>
    /// <param name="code">The code.</param>
    /// <param name="language">Info string.</param>
    public static string Fence(string code, string language = "")
    {
        ArgumentNullException.ThrowIfNull(code);
        var longest = 0;
        var run = 0;
        foreach (var c in code)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}{language}\n{code.TrimEnd()}\n{fence}\n";
    }
}
