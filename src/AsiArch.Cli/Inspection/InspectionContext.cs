using AsiArch.Sdk;
using Spectre.Console;

namespace AsiArch.Cli.Inspection;

/// <summary>What the inspection commands write to and read the time from; tests pass a <c>TestConsole</c>.</summary>
/// <param name="Console">Normal output (tables, JSON).</param>
/// <param name="Error">Error messages (may be the same console).</param>
/// <param name="Time">The clock (report timestamps).</param>
public sealed record InspectionContext(IAnsiConsole Console, IAnsiConsole Error, TimeProvider Time)
{
    /// <summary>
    /// Creates the LLM cognition extractor for <c>cognition add --paper</c>, or returns null when no LLM is configured.
    /// The default reads <c>AsiArch:Llm</c> from the environment (<c>AsiArch__Llm__Provider</c>, ...) and <c>asiarch.json</c>.
    /// </summary>
    public Func<ICognitionExtractor?> CognitionExtractorFactory { get; init; } = CognitionExtractors.FromConfiguration;

    /// <summary>The process console for both streams and the system clock.</summary>
    public static InspectionContext CreateDefault() => new(
        AnsiConsole.Console,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) }),
        TimeProvider.System);
}
