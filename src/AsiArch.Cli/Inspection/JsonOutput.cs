using AsiArch.Sdk.Serialization;
using Spectre.Console;

namespace AsiArch.Cli.Inspection;

/// <summary>Writes <c>--json</c> output: the SDK's JSON settings, written raw so no markup, wrapping or colour touches it.</summary>
public static class JsonOutput
{
    /// <summary>Writes <paramref name="value"/> as indented JSON followed by a newline.</summary>
    /// <param name="console">The output console.</param>
    /// <param name="value">The value.</param>
    public static void Write(IAnsiConsole console, object? value)
    {
        ArgumentNullException.ThrowIfNull(console);
        var writer = console.Profile.Out.Writer;
        writer.Write(AsiArchJson.Serialize(value, indented: true));
        writer.Write('\n');
        writer.Flush();
    }
}
