using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace AsiArch.Sdk.IntegrationTests.Extensibility;

/// <summary>
/// The extensibility samples run end to end on tiny Smoke budgets: a real discovery (baseline, one candidate) with the
/// sandboxed worker training on CPU. Torch collection: run under the torch lock.
/// </summary>
[Collection("torch")]
[Trait("Category", "Samples")]
public sealed partial class SampleRunTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("asiarch-samples-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task CustomBenchmark_SmokeBudget_TrainsAndScoresTheParityTask()
    {
        var run = await RunSampleAsync("CustomBenchmarkSamplePath", "--experiments", "1", "--steps", "20", "--db", Path.Combine(_work, "cb.db"));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("[parity x1]", run.Output, StringComparison.Ordinal);
        Assert.Matches(ParityRow(), run.Output);
    }

    [Fact]
    public async Task CustomAgent_SmokeBudget_WritesNotebookAndScoreboardAnalysis()
    {
        var run = await RunSampleAsync("CustomAgentSamplePath", "--experiments", "1", "--steps", "20", "--db", Path.Combine(_work, "ca.db"));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("researcher LabNotebookResearcher, analyst ScoreboardAnalyst", run.Output, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"Lab notebook: [1-9]\d* proposal page"), run.Output);
        Assert.Contains("Scoreboard analysis of #", run.Output, StringComparison.Ordinal);
        Assert.Contains("mqar.accuracy = ", run.Output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_work, "notebook"), "*.md"));
    }

    private async Task<(int ExitCode, string Output)> RunSampleAsync(string pathKey, params string[] args)
    {
        var path = typeof(SampleRunTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == pathKey).Value!;
        Assert.True(File.Exists(path), $"The sample is not built: {path}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        var text = await stdout + await stderr;
        output.WriteLine(text);
        return (process.HasExited ? process.ExitCode : -1, text);
    }

    [GeneratedRegex(@"^\s+\d+ candidate\s+\S+\s+\d+\.\d{3}\s+\d\.\d{3}\s*$", RegexOptions.Multiline)]
    private static partial Regex ParityRow();
}
