namespace AsiArch.Sdk.Llm;

/// <summary>A parsed structured answer and what it cost.</summary>
/// <typeparam name="T">The answer type.</typeparam>
public sealed record LlmAnswer<T>
{
    /// <summary>The parsed answer.</summary>
    public required T Value { get; init; }

    /// <summary>Tokens and money over every attempt.</summary>
    public required TokenUsage Usage { get; init; }

    /// <summary>Attempts used (1 = first answer was usable).</summary>
    public int Attempts { get; init; }

    /// <summary>Model id that answered, when known.</summary>
    public string? Model { get; init; }
}
