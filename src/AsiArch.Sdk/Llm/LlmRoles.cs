namespace AsiArch.Sdk.Llm;

/// <summary>
/// The model roles. Each is a service key for a keyed <c>IChatClient</c>; a role without its own client uses the
/// default (unkeyed) one.
/// </summary>
public static class LlmRoles
{
    /// <summary>Planner, deduplicator and novelty checker.</summary>
    public const string Researcher = "researcher";

    /// <summary>Per-record briefings for the planner.</summary>
    public const string Summarizer = "summarizer";

    /// <summary>Code repair (debugger) of the engineer.</summary>
    public const string Engineer = "engineer";

    /// <summary>Ablation analysis.</summary>
    public const string Analyst = "analyst";

    /// <summary>Quality judge.</summary>
    public const string Judge = "judge";

    /// <summary>Every role, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [Researcher, Summarizer, Engineer, Analyst, Judge];
}
