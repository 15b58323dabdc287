namespace AsiArch.Sdk;

/// <summary>The publication a cognition entry cites.</summary>
public sealed record CognitionSource
{
    /// <summary>Paper title.</summary>
    public required string Title { get; init; }

    /// <summary>arXiv identifier, e.g. <c>2406.06484</c>.</summary>
    public string? ArxivId { get; init; }

    /// <summary>Publication year.</summary>
    public int? Year { get; init; }

    /// <summary>Authors, short form.</summary>
    public string? Authors { get; init; }
}
