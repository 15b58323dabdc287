using System.Text;

namespace AsiArch.Sdk.PostgreSql;

/// <summary>
/// Turns free text into a safe <c>to_tsquery</c> expression: the words (runs of letters and digits) each single-quoted
/// and joined with <c>|</c>, so punctuation, quotes and tsquery operators in user text can never make a syntax error.
/// <c>ts_rank</c> then ranks documents that match more words, and in heavier-weighted fields, first.
/// </summary>
internal static class TextSearchQuery
{
    /// <summary>Words beyond this are ignored, bounding the query for very long texts (whole motivations).</summary>
    public const int MaxTerms = 64;

    /// <summary>The tsquery text, or null when the text holds no word.</summary>
    public static string? FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var word = new StringBuilder();

        void Flush()
        {
            if (word.Length > 0 && terms.Count < MaxTerms && seen.Add(word.ToString()))
            {
                terms.Add(word.ToString());
            }

            word.Clear();
        }

        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        // Letters and digits only: no quote or operator can appear inside a quoted term.
        return terms.Count == 0 ? null : string.Join(" | ", terms.Select(t => "'" + t + "'"));
    }
}
