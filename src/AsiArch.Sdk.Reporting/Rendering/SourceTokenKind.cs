namespace AsiArch.Sdk.Reporting.Rendering;

/// <summary>What a piece of C# source is, for syntax highlighting.</summary>
public enum SourceTokenKind
{
    /// <summary>Identifiers, operators, punctuation and white space.</summary>
    Plain,

    /// <summary>A C# keyword.</summary>
    Keyword,

    /// <summary>A well-known type or SDK building block.</summary>
    Type,

    /// <summary>A string or character literal.</summary>
    String,

    /// <summary>A numeric literal.</summary>
    Number,

    /// <summary>A comment.</summary>
    Comment,
}
