using System.CommandLine;
using AsiArch.Cli.Inspection;
using Spectre.Console.Testing;

namespace AsiArch.Cli.Tests.Fixtures;

/// <summary>Runs asiarch command lines against <see cref="TestConsole"/>s and returns exit code, output and errors.</summary>
public static class CliHarness
{
    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    public static async Task<CliRun> RunAsync(Func<AsiArch.Sdk.ICognitionExtractor?>? extractor, params string[] args)
    {
        var output = new TestConsole().Width(250);
        var error = new TestConsole().Width(250);
        var context = new InspectionContext(output, error, new FixedTimeProvider(RunFixture.Start.AddDays(1)))
        {
            CognitionExtractorFactory = extractor ?? (() => null),
        };
        var root = new RootCommand("asiarch test root").AddInspectionCommands(context);
        var code = await InspectionCommands.InvokeAsync(root, args, context);
        return new CliRun(code, output.Output, error.Output);
    }
}

public sealed record CliRun(int ExitCode, string Output, string Error);

public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
