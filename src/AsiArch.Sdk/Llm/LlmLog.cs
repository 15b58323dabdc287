using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Llm;

/// <summary>Log messages of the LLM agents. Prompts and responses only at Trace.</summary>
internal static partial class LlmLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "LLM {Role}/{Step} attempt {Attempt}: {InputTokens} in, {OutputTokens} out tokens, model {Model}")]
    public static partial void CallCompleted(ILogger logger, string role, string step, int attempt, long inputTokens, long outputTokens, string? model);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "LLM {Role}/{Step} attempt {Attempt} unusable: {Error}")]
    public static partial void AttemptRejected(ILogger logger, string role, string step, int attempt, string error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "LLM {Role}/{Step} attempt {Attempt}: provider call failed: {Error}")]
    public static partial void ProviderFailed(ILogger logger, string role, string step, int attempt, string error);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "LLM {Role}/{Step}: replayed the recorded answer {RequestHash}")]
    public static partial void CacheHit(ILogger logger, string role, string step, string requestHash);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Trace, Message = "LLM {Role}/{Step} request:\n{Request}\nresponse:\n{Response}")]
    public static partial void Exchange(ILogger logger, string role, string step, string request, string response);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "LLM {Role}/{Step}: the provider reported no token usage; estimated {Tokens} tokens from the text length")]
    public static partial void UsageEstimated(ILogger logger, string role, string step, long tokens);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Novelty check: {Name} is a duplicate of {SimilarTo}: {Reason}")]
    public static partial void Duplicate(ILogger logger, string name, string similarTo, string reason);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Repair declined for a {Kind} failure: gate violations are rejected, not repaired")]
    public static partial void RepairDeclined(ILogger logger, FailureKind kind);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Cognition retrieval for the analysis failed: {Error}")]
    public static partial void CognitionFailed(ILogger logger, string error);
}
