namespace AsiArch.Sdk;

/// <summary>
/// One persisted model call: what was asked and answered. Stored before the step that used it commits, so a restart
/// replays it instead of paying again.
/// </summary>
public sealed record ModelInteraction
{
    /// <summary>The experiment it belongs to, or null for run-level calls.</summary>
    public long? ExperimentIndex { get; init; }

    /// <summary>Role, e.g. <c>researcher</c>, <c>summarizer</c>, <c>engineer</c>, <c>analyst</c>, <c>judge</c>.</summary>
    public required string Role { get; init; }

    /// <summary>The step within the role, e.g. <c>plan</c>, <c>novelty</c>, <c>repair-2</c>.</summary>
    public required string Step { get; init; }

    /// <summary>Hash of model, messages and options: the replay key.</summary>
    public required string RequestHash { get; init; }

    /// <summary>The request (messages), serialised.</summary>
    public required string Request { get; init; }

    /// <summary>The response text.</summary>
    public required string Response { get; init; }

    /// <summary>Model id.</summary>
    public string? Model { get; init; }

    /// <summary>Tokens and money.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.Zero;

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
