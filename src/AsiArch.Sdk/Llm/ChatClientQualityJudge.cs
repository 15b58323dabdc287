using AsiArch.Sdk.Llm.Answers;
using AsiArch.Sdk.Llm.Prompts;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// ASI-ARCH's model judge on an <c>IChatClient</c>: performance, innovation and complexity on 1-10 with a reason.
/// Scores are clamped to 1-10 and non-numbers are rejected (and retried); the weighting (0.30/0.25/0.45) is done by
/// the fitness scorer, never by the model.
/// </summary>
public sealed class ChatClientQualityJudge : IQualityJudge
{
    private readonly LlmInvoker _invoker;

    /// <summary>Creates the judge.</summary>
    public ChatClientQualityJudge(LlmInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
    }

    /// <inheritdoc />
    public async Task<QualityJudgement> JudgeAsync(JudgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (system, user) = _invoker.Prompts.Get("judge").Render(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["experiment"] = RecordFormatter.Experiment(request.Experiment, includeAnalysis: false, sourceCharacters: 20_000),
            ["baselines"] = RecordFormatter.Experiments(request.Baselines, includeAnalysis: false),
            ["neighbors"] = RecordFormatter.Experiments(request.Neighbors.Take(5), includeAnalysis: false),
        });
        var answer = await _invoker.AskAsync(new LlmRequest
        {
            Role = LlmRoles.Judge,
            Step = "judge",
            ExperimentIndex = request.Experiment.Index,
            System = system,
            User = user,
            SchemaName = JudgeAnswer.SchemaName,
            Schema = JudgeAnswer.Schema,
        }, JudgeAnswer.Read, cancellationToken).ConfigureAwait(false);
        return new QualityJudgement
        {
            Performance = answer.Value.Performance,
            Innovation = answer.Value.Innovation,
            Complexity = answer.Value.Complexity,
            Reason = answer.Value.Reason,
            Usage = answer.Usage,
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }
}
