namespace AsiArch.Sdk.Reporting.Rendering;

/// <summary>A run of source text of one kind.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">The exact text (concatenating every token gives the source back).</param>
public readonly record struct SourceToken(SourceTokenKind Kind, string Text);
