using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using AsiArch.Sdk.Llm.Answers;
using AsiArch.Sdk.Llm.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// ASI-ARCH's researcher on an <c>IChatClient</c>: a summarizer briefing per sampled record, a planner that writes the
/// complete layer (<c>{name, motivation, source}</c>), a conservative novelty checker over the top similar
/// motivations, and a deduplicator that re-plans in an orthogonal direction when the context carries rejected
/// proposals. Refuses to plan once the LLM budget is spent (<see cref="FailureKind.BudgetExceeded"/>).
/// </summary>
public sealed class ChatClientResearcher : IResearcher
{
    private const int MaxSimilar = 5;
    private const int MaxCachedBriefings = 256;

    private readonly LlmInvoker _invoker;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _briefings = new(StringComparer.Ordinal);

    /// <summary>Creates the researcher.</summary>
    public ChatClientResearcher(LlmInvoker invoker, ILogger<ChatClientResearcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<Proposal> ProposeAsync(ResearchContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        _invoker.Usage.EnsureCanStartProposal();
        var usage = TokenUsage.Zero;
        try
        {
            var records = new List<ExperimentRecord>();
            if (context.Parent is not null)
            {
                records.Add(context.Parent);
            }

            records.AddRange(context.References.Where(r => r.Index != context.Parent?.Index));
            var briefings = new StringBuilder();
            foreach (var record in records)
            {
                var (briefing, cost) = await BriefAsync(record, context, cancellationToken).ConfigureAwait(false);
                usage += cost;
                briefings.AppendLine(CultureInfo.InvariantCulture, $"### #{record.Index} {PromptData.Defuse(record.Name)}{(record.Index == context.Parent?.Index ? " (parent)" : "")}");
                briefings.AppendLine(PromptData.Block($"briefing on #{record.Index}", briefing));
                briefings.AppendLine("Results:");
                briefings.AppendLine(RecordFormatter.Results(record));
                if (record.Index != context.Parent?.Index && _invoker.Options.ReferenceSourceCharacters > 0 && record.Program.Length > 0)
                {
                    briefings.AppendLine(PromptData.Block($"source of #{record.Index}", PromptData.Clip(record.Program, _invoker.Options.ReferenceSourceCharacters)));
                }

                briefings.AppendLine();
            }

            var deduplicate = context.Rejected.Count > 0;
            var promptName = deduplicate ? "deduplicator" : "planner";
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["contract"] = _invoker.Prompts.GetText("contract"),
                ["parent"] = RecordFormatter.Experiment(context.Parent, includeAnalysis: false),
                ["parentSource"] = ParentSource(context),
                ["briefings"] = briefings.Length == 0 ? "(no earlier experiments yet)" : briefings.ToString().TrimEnd(),
                ["cognition"] = RecordFormatter.Cognition(context.Cognition),
                ["baselines"] = RecordFormatter.Experiments(context.Baselines, includeAnalysis: false),
                ["rejected"] = Rejected(context),
            };
            var (system, user) = _invoker.Prompts.Get(promptName).Render(values);
            var answer = await _invoker.AskAsync(new LlmRequest
            {
                Role = LlmRoles.Researcher,
                Step = deduplicate ? string.Create(CultureInfo.InvariantCulture, $"deduplicate-{context.Rejected.Count}") : "plan",
                ExperimentIndex = context.ExperimentIndex,
                System = system,
                User = user,
                SchemaName = ProposalAnswer.SchemaName,
                Schema = ProposalAnswer.Schema,
            }, ProposalAnswer.Read, cancellationToken).ConfigureAwait(false);
            usage += answer.Usage;
            return new Proposal
            {
                Name = answer.Value.Name,
                Motivation = answer.Value.Motivation,
                Source = new CandidateSource(answer.Value.Source),
                Usage = usage,
                AdditionalProperties = new AdditionalPropertiesDictionary
                {
                    ["llm.prompt"] = promptName,
                    ["llm.model"] = answer.Model,
                    ["llm.attempts"] = answer.Attempts,
                },
            };
        }
        catch (ModelCallException ex) when (usage != TokenUsage.Zero)
        {
            // Keep the cost of the briefings that were paid for on the failure.
            throw new ModelCallException(ex.Role, ex.Step, ex.Failure, ex.Usage + usage, ex);
        }
    }

    /// <inheritdoc />
    public async Task<NoveltyVerdict> CheckNoveltyAsync(
        Proposal proposal,
        IReadOnlyList<ExperimentRecord> similar,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(similar);
        var top = similar.Where(s => !string.IsNullOrWhiteSpace(s.Motivation)).Take(MaxSimilar).ToList();
        if (top.Count == 0)
        {
            return NoveltyVerdict.Novel("No earlier experiment to compare with.");
        }

        var similarText = new StringBuilder();
        foreach (var record in top)
        {
            similarText.AppendLine(CultureInfo.InvariantCulture, $"Index {record.Index}, \"{PromptData.Defuse(record.Name)}\":");
            similarText.AppendLine(PromptData.Block($"motivation of #{record.Index}", record.Motivation));
        }

        var (system, user) = _invoker.Prompts.Get("novelty").Render(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["proposal"] = $"\"{PromptData.Defuse(proposal.Name)}\":\n" + PromptData.Block("proposed motivation", proposal.Motivation),
            ["similar"] = similarText.ToString().TrimEnd(),
        });
        var known = top.Select(r => r.Index).ToHashSet();
        var answer = await _invoker.AskAsync(new LlmRequest
        {
            Role = LlmRoles.Researcher,
            Step = "novelty",
            System = system,
            User = user,
            SchemaName = NoveltyAnswer.SchemaName,
            Schema = NoveltyAnswer.Schema,
        }, (json, _) => NoveltyAnswer.Read(json, known), cancellationToken).ConfigureAwait(false);
        if (answer.Value.IsDuplicate)
        {
            LlmLog.Duplicate(_logger, proposal.Name, string.Join(",", answer.Value.SimilarTo), answer.Value.Reason);
        }

        return new NoveltyVerdict
        {
            IsDuplicate = answer.Value.IsDuplicate,
            SimilarTo = answer.Value.SimilarTo,
            Reason = answer.Value.Reason,
            Usage = answer.Usage,
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : serviceKey is null && serviceType.IsInstanceOfType(_invoker) ? _invoker
            : null;
    }

    private async Task<(string Briefing, TokenUsage Usage)> BriefAsync(ExperimentRecord record, ResearchContext context, CancellationToken cancellationToken)
    {
        // ASI-ARCH summarises afresh for every proposal (the briefing varies); a re-plan after a duplicate reuses them.
        var key = string.Create(CultureInfo.InvariantCulture, $"{record.Index}@{record.UpdatedAt.UtcTicks}");
        if (context.Rejected.Count > 0 && _briefings.TryGetValue(key, out var cached))
        {
            return (cached, TokenUsage.Zero);
        }

        var (system, user) = _invoker.Prompts.Get("summarizer").Render(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["index"] = record.Index.ToString(CultureInfo.InvariantCulture),
            ["name"] = PromptData.Defuse(record.Name),
            ["status"] = record.Status.ToString(),
            ["motivation"] = PromptData.Block("motivation", record.Motivation),
            ["results"] = "Results:\n" + RecordFormatter.Results(record),
            ["analysis"] = PromptData.Block("analysis", record.Analysis?.ToMarkdown() ?? "(no analysis)"),
            ["cognition"] = "Research insights retrieved for it:\n" + RecordFormatter.Cognition(record.Cognition),
        });
        var answer = await _invoker.AskAsync(new LlmRequest
        {
            Role = LlmRoles.Summarizer,
            Step = string.Create(CultureInfo.InvariantCulture, $"summarize-{record.Index}"),
            ExperimentIndex = context.ExperimentIndex,
            System = system,
            User = user,
            SchemaName = BriefingAnswer.SchemaName,
            Schema = BriefingAnswer.Schema,
        }, BriefingAnswer.Read, cancellationToken).ConfigureAwait(false);
        if (_briefings.Count >= MaxCachedBriefings)
        {
            _briefings.Clear();
        }

        _briefings[key] = answer.Value.Experience;
        return (answer.Value.Experience, answer.Usage);
    }

    private static string ParentSource(ResearchContext context)
    {
        var source = context.Parent?.Program;
        if (string.IsNullOrWhiteSpace(source))
        {
            source = context.Baselines.FirstOrDefault(b => !string.IsNullOrWhiteSpace(b.Program))?.Program;
        }

        return string.IsNullOrWhiteSpace(source)
            ? "(no parent source: write a new layer from the contract's example)"
            : PromptData.Block("parent source", source);
    }

    private static string Rejected(ResearchContext context)
    {
        if (context.Rejected.Count == 0)
        {
            return "(none)";
        }

        var sb = new StringBuilder();
        foreach (var rejected in context.Rejected)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- \"{PromptData.Defuse(rejected.Proposal.Name)}\" repeated {string.Join(", ", rejected.Verdict.SimilarTo.Select(i => "#" + i.ToString(CultureInfo.InvariantCulture)))}: {PromptData.Defuse(rejected.Verdict.Reason)}");
            sb.AppendLine(PromptData.Block("rejected motivation", rejected.Proposal.Motivation));
        }

        return sb.ToString().TrimEnd();
    }
}
