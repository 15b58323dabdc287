using Microsoft.CodeAnalysis;

namespace AsiArch.Sdk.Engineering.Gate;

/// <summary>One forbidden use found by the <see cref="SafetyGate"/>.</summary>
/// <param name="Id">Stable id, one of <see cref="GateDiagnosticIds"/>.</param>
/// <param name="Message">What was found, naming the API.</param>
/// <param name="Location">Where in the candidate source.</param>
public sealed record GateViolation(string Id, string Message, Location Location)
{
    /// <summary>1-based line of the violation.</summary>
    public int Line => Location.GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>1-based column of the violation.</summary>
    public int Column => Location.GetLineSpan().StartLinePosition.Character + 1;
}
