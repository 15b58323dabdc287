using System.Globalization;
using AsiArch.Sdk.Llm.Answers;
using AsiArch.Sdk.Llm.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// ASI-ARCH's analyst on an <c>IChatClient</c>: an ablation-style report against the parent, grandparent, siblings
/// and baselines in the five sections, grounded in cognition retrieved for the observed results (k =
/// <see cref="LlmOptions.AnalystCognitionCount"/>) from the <see cref="ICognitionStore"/> when the request carries
/// none. Earlier analyses and every other free text go into delimited data blocks, so instructions hidden in them are
/// read as data.
/// </summary>
public sealed class ChatClientAnalyst : IAnalyst
{
    private readonly LlmInvoker _invoker;
    private readonly ICognitionStore? _cognition;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the analyst.</summary>
    public ChatClientAnalyst(LlmInvoker invoker, ICognitionStore? cognition = null, TimeProvider? timeProvider = null, ILogger<ChatClientAnalyst>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
        _cognition = cognition;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<AnalysisReport> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var experiment = request.Experiment;
        var hits = await RetrieveAsync(request, cancellationToken).ConfigureAwait(false);
        var (system, user) = _invoker.Prompts.Get("analyst").Render(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["experiment"] = RecordFormatter.Experiment(experiment, includeAnalysis: false, sourceCharacters: 20_000),
            ["parent"] = RecordFormatter.Experiment(request.Parent),
            ["grandparent"] = RecordFormatter.Experiment(request.Grandparent),
            ["siblings"] = RecordFormatter.Experiments(request.Siblings.Take(2)),
            ["baselines"] = RecordFormatter.Experiments(request.Baselines, includeAnalysis: false),
            ["cognition"] = RecordFormatter.Cognition(hits),
        });
        var answer = await _invoker.AskAsync(new LlmRequest
        {
            Role = LlmRoles.Analyst,
            Step = "analyze",
            ExperimentIndex = experiment.Index,
            System = system,
            User = user,
            SchemaName = AnalysisAnswer.SchemaName,
            Schema = AnalysisAnswer.Schema,
        }, AnalysisAnswer.Read, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var a = answer.Value;
        return new AnalysisReport
        {
            DesignEvaluation = a.DesignEvaluation,
            ResultsAnalysis = a.ResultsAnalysis,
            ExpectationVsReality = a.ExpectationVsReality,
            TheoreticalExplanation = a.TheoreticalExplanation,
            SynthesisAndInsights = a.SynthesisAndInsights,
            Insights = a.Insights.Select((insight, i) => new CognitionEntry
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"experiment-{experiment.Index}-{i + 1}"),
                TriggerPatterns = insight.TriggerPatterns,
                DesignInsight = insight.DesignInsight,
                Kind = CognitionKind.ExperimentDerived,
                ExperimentIndex = experiment.Index,
                CreatedAt = now,
            }).ToList(),
            Cognition = hits,
            Usage = answer.Usage,
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private async Task<IReadOnlyList<CognitionHit>> RetrieveAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        if (request.Cognition.Count > 0 || _cognition is null || _invoker.Options.AnalystCognitionCount == 0)
        {
            return request.Cognition;
        }

        try
        {
            return await _cognition.SearchAsync(RecordFormatter.ResultsQuery(request.Experiment), _invoker.Options.AnalystCognitionCount, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // ASI-ARCH crashed here when retrieval failed; an analysis without grounding is still worth having.
            LlmLog.CognitionFailed(_logger, ex.Message);
            return [];
        }
    }
}
