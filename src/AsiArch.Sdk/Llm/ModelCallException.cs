namespace AsiArch.Sdk.Llm;

/// <summary>
/// A model call that produced nothing usable: every attempt gave malformed output, the provider failed or timed out,
/// or the budget is spent. <see cref="ExperimentFailureException.Failure"/> carries the typed failure (<see cref="FailureKind.InvalidModelOutput"/>,
/// <see cref="FailureKind.Timeout"/> or <see cref="FailureKind.BudgetExceeded"/>) and every attempt's error as diagnostics.
/// </summary>
public sealed class ModelCallException : ExperimentFailureException
{
    /// <summary>Creates the exception.</summary>
    public ModelCallException(string role, string step, ExperimentFailure failure, TokenUsage? usage = null, Exception? innerException = null)
        : base(failure, innerException)
    {
        Role = role;
        Step = step;
        Usage = usage ?? TokenUsage.Zero;
    }

    /// <summary>What the failed attempts cost (they are paid for even when unusable).</summary>
    public TokenUsage Usage { get; }

    /// <summary>The model role (see <see cref="LlmRoles"/>).</summary>
    public string Role { get; }

    /// <summary>The step within the role, e.g. <c>plan</c>.</summary>
    public string Step { get; }
}
