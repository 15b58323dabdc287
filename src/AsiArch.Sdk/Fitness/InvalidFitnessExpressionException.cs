namespace AsiArch.Sdk.Fitness;

/// <summary>A configured fitness formula or candidate filter does not compile; the message quotes the diagnostics.</summary>
public sealed class InvalidFitnessExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidFitnessExpressionException(string setting, string expression, IReadOnlyList<string> diagnostics)
        : base($"The {setting} expression '{expression}' does not compile: {string.Join("; ", diagnostics)}")
    {
        Setting = setting;
        Expression = expression;
        Diagnostics = diagnostics;
    }

    /// <summary>Which setting (<c>Formula</c> or <c>CandidateFilter</c>).</summary>
    public string Setting { get; }

    /// <summary>The expression text.</summary>
    public string Expression { get; }

    /// <summary>The compiler diagnostics.</summary>
    public IReadOnlyList<string> Diagnostics { get; }
}
