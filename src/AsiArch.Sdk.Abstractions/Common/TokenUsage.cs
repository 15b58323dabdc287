namespace AsiArch.Sdk;

/// <summary>Tokens (and, where a price table is known, money) spent by model calls.</summary>
public sealed record TokenUsage
{
    /// <summary>An empty usage.</summary>
    public static TokenUsage Zero { get; } = new();

    /// <summary>Prompt tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Completion tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Cost in the price table's currency, when a price is known.</summary>
    public decimal Cost { get; init; }

    /// <summary>Total tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Adds two usages.</summary>
    public static TokenUsage operator +(TokenUsage left, TokenUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new TokenUsage
        {
            InputTokens = left.InputTokens + right.InputTokens,
            OutputTokens = left.OutputTokens + right.OutputTokens,
            Cost = left.Cost + right.Cost,
        };
    }
}
