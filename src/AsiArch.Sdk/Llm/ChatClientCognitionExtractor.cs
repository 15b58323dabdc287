using System.Globalization;
using System.Text.RegularExpressions;
using AsiArch.Sdk.Llm.Answers;
using AsiArch.Sdk.Llm.Prompts;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// Turns a paper's text into cognition entries with a model (ASI-ARCH App. B.5): a background under 200 words and
/// 2-3 insights (trigger patterns, algorithm, design insight, implementation guidance). Uses the analyst's client.
/// </summary>
public sealed partial class ChatClientCognitionExtractor : ICognitionExtractor
{
    /// <summary>Longest paper text sent to the model, in characters (the rest is cut).</summary>
    public const int MaxPaperCharacters = 60_000;

    private readonly LlmInvoker _invoker;
    private readonly TimeProvider _time;

    /// <summary>Creates the extractor.</summary>
    public ChatClientCognitionExtractor(LlmInvoker invoker, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CognitionEntry>> ExtractAsync(string paperText, CognitionSource source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paperText);
        ArgumentNullException.ThrowIfNull(source);
        var (system, user) = _invoker.Prompts.Get("cognition").Render(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = PromptData.Defuse(source.Title),
            ["paper"] = PromptData.Block("paper text", PromptData.Clip(paperText, MaxPaperCharacters)),
        });
        var answer = await _invoker.AskAsync(new LlmRequest
        {
            Role = LlmRoles.Analyst,
            Step = "extract-cognition",
            System = system,
            User = user,
            SchemaName = CognitionAnswer.SchemaName,
            Schema = CognitionAnswer.Schema,
        }, CognitionAnswer.Read, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var stem = source.ArxivId is { Length: > 0 } arxiv ? "arxiv-" + arxiv : Slug(source.Title);
        return answer.Value.Insights.Select((insight, i) => new CognitionEntry
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{stem}-{i + 1}"),
            TriggerPatterns = insight.TriggerPatterns,
            Background = answer.Value.Background,
            AlgorithmicInnovation = insight.AlgorithmicInnovation,
            DesignInsight = insight.DesignInsight,
            ImplementationGuidance = insight.ImplementationGuidance,
            Source = source,
            Kind = CognitionKind.Paper,
            CreatedAt = now,
        }).ToList();
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private static string Slug(string title)
    {
        var slug = NonAlnum().Replace(title.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "paper" : slug.Length > 48 ? slug[..48].TrimEnd('-') : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlnum();
}
