using System.Collections.Concurrent;
using System.Reflection;

namespace AsiArch.Sdk.Llm.Prompts;

/// <summary>
/// The agents' prompts: Markdown files embedded in the library (<c>Llm/Resources/Prompts/*.md</c>), each replaceable
/// by a file (<see cref="LlmOptions.PromptFiles"/>, then <see cref="LlmOptions.PromptDirectory"/>).
/// </summary>
public sealed class PromptLibrary
{
    /// <summary>Names of the embedded prompts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["contract", "summarizer", "planner", "deduplicator", "novelty", "repairer", "analyst", "judge", "cognition", "retry"];

    private readonly LlmOptions _options;
    private readonly ConcurrentDictionary<string, PromptTemplate> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>Creates a library that honours the options' overrides.</summary>
    public PromptLibrary(LlmOptions? options = null)
    {
        _options = options ?? new LlmOptions();
    }

    /// <summary>The prompt named <paramref name="name"/>.</summary>
    /// <exception cref="FileNotFoundException">An override file is configured but missing.</exception>
    /// <exception cref="KeyNotFoundException">No such prompt.</exception>
    public PromptTemplate Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _cache.GetOrAdd(name, n => new PromptTemplate(n, LoadText(n)));
    }

    /// <summary>The text of a prompt fragment (no system/user split), e.g. <c>contract</c>, honouring overrides.</summary>
    public string GetText(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _texts.GetOrAdd(name, LoadText).Trim();
    }

    /// <summary>The raw Markdown of the embedded prompt (ignores overrides), e.g. to start a custom one from it.</summary>
    public static string GetEmbeddedText(string name)
    {
        var assembly = typeof(PromptLibrary).Assembly;
        var suffix = $".Llm.Resources.Prompts.{name}.md";
        var resource = assembly.GetManifestResourceNames().FirstOrDefault(r => r.EndsWith(suffix, StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"No prompt named '{name}'. Known prompts: {string.Join(", ", Names)}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private string LoadText(string name)
    {
        if (_options.PromptFiles.TryGetValue(name, out var file))
        {
            return File.Exists(file)
                ? File.ReadAllText(file)
                : throw new FileNotFoundException($"The prompt override for '{name}' ({file}) does not exist.", file);
        }

        if (!string.IsNullOrWhiteSpace(_options.PromptDirectory))
        {
            var candidate = Path.Combine(_options.PromptDirectory, name + ".md");
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        return GetEmbeddedText(name);
    }
}
