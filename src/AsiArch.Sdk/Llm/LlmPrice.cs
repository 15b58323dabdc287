using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Llm;

/// <summary>Price of a model per million tokens, in whatever currency the budget uses.</summary>
public sealed class LlmPrice
{
    /// <summary>Price of one million prompt tokens.</summary>
    [Range(0.0, double.MaxValue)]
    public decimal InputPerMillion { get; set; }

    /// <summary>Price of one million completion tokens.</summary>
    [Range(0.0, double.MaxValue)]
    public decimal OutputPerMillion { get; set; }

    /// <summary>The cost of a call.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        (inputTokens * InputPerMillion + outputTokens * OutputPerMillion) / 1_000_000m;
}
