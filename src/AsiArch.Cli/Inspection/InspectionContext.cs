using Spectre.Console;

namespace AsiArch.Cli.Inspection;

/// <summary>What the inspection commands write to and read the time from; tests pass a <c>TestConsole</c>.</summary>
/// <param name="Console">Normal output (tables, JSON).</param>
/// <param name="Error">Error messages (may be the same console).</param>
/// <param name="Time">The clock (report timestamps).</param>
public sealed record InspectionContext(IAnsiConsole Console, IAnsiConsole Error, TimeProvider Time)
{
    /// <summary>The process console for both streams and the system clock.</summary>
    public static InspectionContext CreateDefault() => new(
        AnsiConsole.Console,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) }),
        TimeProvider.System);
}
