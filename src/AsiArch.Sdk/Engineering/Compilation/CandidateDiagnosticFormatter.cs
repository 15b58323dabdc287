using System.Globalization;
using Microsoft.CodeAnalysis;

namespace AsiArch.Sdk.Engineering.Compilation;

/// <summary>
/// Formats diagnostics for a model to repair: <c>Layer.cs(18,66): error CS1002: ; expected</c> followed by the offending
/// line quoted, so the model sees the code without counting lines.
/// </summary>
public static class CandidateDiagnosticFormatter
{
    /// <summary>Formats up to <paramref name="max"/> diagnostics, one entry each (header and quoted line).</summary>
    public static IReadOnlyList<string> Format(IEnumerable<Diagnostic> diagnostics, int max = 20)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var list = diagnostics.ToList();
        var lines = list.Take(max).Select(d => Format(d.Id, d.GetMessage(CultureInfo.InvariantCulture), d.Location, d.Severity)).ToList();
        if (list.Count > max)
        {
            lines.Add($"... and {list.Count - max} more.");
        }

        return lines;
    }

    /// <summary>Formats one diagnostic: header line, then the source line quoted with a caret under the column.</summary>
    public static string Format(string id, string message, Location location, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        ArgumentNullException.ThrowIfNull(location);
        var kind = severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        if (!location.IsInSource || location.SourceTree is null)
        {
            return $"{kind} {id}: {message}";
        }

        var span = location.GetLineSpan();
        var line = span.StartLinePosition.Line;
        var column = span.StartLinePosition.Character;
        var header = $"{span.Path}({line + 1},{column + 1}): {kind} {id}: {message}";
        var text = location.SourceTree.GetText();
        if (line >= text.Lines.Count)
        {
            return header;
        }

        var quoted = text.Lines[line].ToString().TrimEnd();
        var indent = quoted.Length - quoted.TrimStart().Length;
        var caret = new string(' ', Math.Max(0, column - indent)) + "^";
        return $"{header}{Environment.NewLine}    {quoted.TrimStart()}{Environment.NewLine}    {caret}";
    }
}
