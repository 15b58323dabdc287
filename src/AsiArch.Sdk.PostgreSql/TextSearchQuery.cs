using AsiArch.Sdk.Storage;

namespace AsiArch.Sdk.PostgreSql;

/// <summary>
/// Turns free text into a safe <c>to_tsquery</c> expression: the words (runs of letters and digits) each single-quoted
/// and joined with <c>|</c>, so punctuation, quotes and tsquery operators in user text can never make a syntax error.
/// <c>ts_rank</c> then ranks documents that match more words, and in heavier-weighted fields, first.
/// </summary>
internal static class TextSearchQuery
{
    /// <summary>The tsquery text, or null when the text holds no word.</summary>
    public static string? FromText(string text)
    {
        var terms = SearchTerms.Words(text);
        // Letters and digits only: no quote or operator can appear inside a quoted term.
        return terms.Count == 0 ? null : string.Join(" | ", terms.Select(t => "'" + t + "'"));
    }
}
