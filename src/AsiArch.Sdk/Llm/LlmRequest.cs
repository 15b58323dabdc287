using Microsoft.Extensions.AI;

namespace AsiArch.Sdk.Llm;

/// <summary>One structured model call: who asks, the rendered prompt and the JSON schema of the expected answer.</summary>
public sealed record LlmRequest
{
    /// <summary>The role (selects the client and model; see <see cref="LlmRoles"/>).</summary>
    public required string Role { get; init; }

    /// <summary>The step, recorded with the interaction (e.g. <c>plan</c>, <c>novelty</c>, <c>repair-2</c>).</summary>
    public required string Step { get; init; }

    /// <summary>The experiment the call belongs to, when known.</summary>
    public long? ExperimentIndex { get; init; }

    /// <summary>System message.</summary>
    public required string System { get; init; }

    /// <summary>User message.</summary>
    public required string User { get; init; }

    /// <summary>Name of the answer schema.</summary>
    public required string SchemaName { get; init; }

    /// <summary>JSON schema of the answer object (sent when the provider takes a schema).</summary>
    public required string Schema { get; init; }

    /// <summary>Tools the model may call before answering.</summary>
    public IReadOnlyList<AITool> Tools { get; init; } = [];
}
