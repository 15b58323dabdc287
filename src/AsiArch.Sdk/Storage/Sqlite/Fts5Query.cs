using System.Text;

namespace AsiArch.Sdk.Storage.Sqlite;

/// <summary>
/// Turns free text into a safe FTS5 query: the words (runs of letters and digits, as FTS5's unicode61 tokenizer splits
/// them) each quoted as a string and joined with OR, so punctuation, quotes and FTS5 operators in user text can never
/// make a syntax error. BM25 then ranks documents that match more and rarer words first.
/// </summary>
internal static class Fts5Query
{
    /// <summary>Words beyond this are ignored, bounding the query for very long texts (whole motivations).</summary>
    public const int MaxTerms = 64;

    /// <summary>The FTS5 expression, or null when the text holds no word.</summary>
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
        // A quoted FTS5 string holds no operator; the words contain no quote characters to escape.
        return terms.Count == 0 ? null : string.Join(" OR ", terms.Select(t => "\"" + t + "\""));
    }
}
