using System.Text;

namespace AsiArch.Sdk.Storage;

/// <summary>
/// Splits free text into the distinct words a full-text query is built from: runs of letters and digits (as the
/// SQLite unicode61 and PostgreSQL simple parsers split them), so no punctuation, quote or operator survives.
/// </summary>
internal static class SearchTerms
{
    /// <summary>Words beyond this are ignored, bounding the query for very long texts (whole motivations).</summary>
    public const int MaxTerms = 64;

    /// <summary>The distinct words of <paramref name="text"/> (case-insensitive), in order of first appearance.</summary>
    public static List<string> Words(string text)
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
        return terms;
    }
}
