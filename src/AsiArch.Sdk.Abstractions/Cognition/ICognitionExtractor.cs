namespace AsiArch.Sdk;

/// <summary>
/// Distils a paper into cognition entries (ASI-ARCH App. B.5): a short background plus two or three structured design
/// insights, each keyed by the experimental trigger patterns that should retrieve it.
/// </summary>
public interface ICognitionExtractor : IAsiArchComponent
{
    /// <summary>Extracts entries from the paper's text. The background is carried on every entry.</summary>
    /// <param name="paperText">The paper (or a long excerpt of it) as plain text.</param>
    /// <param name="source">Where the text comes from; copied onto every entry.</param>
    /// <param name="cancellationToken">Cancels the extraction.</param>
    Task<IReadOnlyList<CognitionEntry>> ExtractAsync(
        string paperText,
        CognitionSource source,
        CancellationToken cancellationToken = default);
}
