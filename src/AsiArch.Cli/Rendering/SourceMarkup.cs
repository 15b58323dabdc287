using System.Text;
using AsiArch.Sdk.Reporting.Rendering;
using Spectre.Console;

namespace AsiArch.Cli.Rendering;

/// <summary>C# source as Spectre markup with syntax colours; every token is escaped, so untrusted code cannot inject markup.</summary>
public static class SourceMarkup
{
    /// <summary>Highlights <paramref name="source"/>.</summary>
    /// <param name="source">C# source.</param>
    public static string Highlight(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var sb = new StringBuilder();
        foreach (var token in CSharpHighlighter.Tokenize(source))
        {
            var style = token.Kind switch
            {
                SourceTokenKind.Keyword => "blue",
                SourceTokenKind.Type => "teal",
                SourceTokenKind.String => "green",
                SourceTokenKind.Number => "magenta",
                SourceTokenKind.Comment => "grey",
                _ => null,
            };
            var text = Markup.Escape(token.Text);
            if (style is null)
            {
                sb.Append(text);
            }
            else
            {
                sb.Append('[').Append(style).Append(']').Append(text).Append("[/]");
            }
        }

        return sb.ToString();
    }
}
