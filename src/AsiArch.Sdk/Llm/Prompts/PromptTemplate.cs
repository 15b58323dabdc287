using System.Text.RegularExpressions;

namespace AsiArch.Sdk.Llm.Prompts;

/// <summary>
/// A Markdown prompt with a system part and a user part (separated by a line <c>---user---</c>) and
/// <c>{{placeholder}}</c> slots. Rendering is a single pass, so text put into a slot is never itself expanded.
/// </summary>
public sealed partial class PromptTemplate
{
    /// <summary>The line that separates the system part from the user part.</summary>
    public const string UserSeparator = "---user---";

    /// <summary>Parses a template.</summary>
    public PromptTemplate(string name, string markdown)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(markdown);
        Name = name;
        var normalized = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var at = normalized.IndexOf("\n" + UserSeparator + "\n", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new FormatException($"Prompt '{name}' has no '{UserSeparator}' line separating its system and user parts.");
        }

        System = normalized[..at].Trim();
        User = normalized[(at + UserSeparator.Length + 2)..].Trim();
    }

    /// <summary>The prompt name (file name without <c>.md</c>).</summary>
    public string Name { get; }

    /// <summary>The system part, unrendered.</summary>
    public string System { get; }

    /// <summary>The user part, unrendered.</summary>
    public string User { get; }

    /// <summary>Fills the slots of both parts.</summary>
    /// <exception cref="InvalidOperationException">A slot has no value.</exception>
    public (string System, string User) Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return (Fill(System, values), Fill(User, values));
    }

    private string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Slot().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidOperationException($"Prompt '{Name}' uses {{{{{m.Groups[1].Value}}}}} but no value was given for it."));

    [GeneratedRegex(@"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")]
    private static partial Regex Slot();
}
