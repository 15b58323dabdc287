using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// A hard spending limit (<c>AsiArch:Llm:Budget</c>). When it is reached no new proposal starts; experiments already
/// running finish (their repair, analysis and judge calls still run).
/// </summary>
public sealed class LlmBudgetOptions
{
    /// <summary>Maximum total tokens over the run; null for no limit.</summary>
    [Range(1L, long.MaxValue)]
    public long? MaxTokens { get; set; }

    /// <summary>Maximum total cost over the run (price table currency); null for no limit.</summary>
    [Range(0.0, double.MaxValue)]
    public decimal? MaxCost { get; set; }
}
