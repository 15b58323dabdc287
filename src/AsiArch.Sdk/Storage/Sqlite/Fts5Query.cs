
namespace AsiArch.Sdk.Storage.Sqlite;

/// <summary>
/// Turns free text into a safe FTS5 query: the words (runs of letters and digits, as FTS5's unicode61 tokenizer splits
/// them) each quoted as a string and joined with OR, so punctuation, quotes and FTS5 operators in user text can never
/// make a syntax error. BM25 then ranks documents that match more and rarer words first.
/// </summary>
internal static class Fts5Query
{
    /// <summary>The FTS5 expression, or null when the text holds no word.</summary>
    public static string? FromText(string text)
    {
        var terms = SearchTerms.Words(text);
        // A quoted FTS5 string holds no operator; the words contain no quote characters to escape.
        return terms.Count == 0 ? null : string.Join(" OR ", terms.Select(t => "\"" + t + "\""));
    }
}
