namespace AsiArch.Sdk.Llm.Usage;

/// <summary>
/// The run's model spending against its hard budget. The loop checks <see cref="IsExhausted"/> before it starts a new
/// proposal; the LLM researcher refuses to plan once it is exhausted.
/// </summary>
public interface ILlmBudget
{
    /// <summary>True once the token or money limit is reached.</summary>
    bool IsExhausted { get; }

    /// <summary>Why the budget is exhausted, or null.</summary>
    string? ExhaustedReason { get; }

    /// <summary>What was spent so far (this process plus what a restored run had spent).</summary>
    TokenUsage Spent { get; }
}
