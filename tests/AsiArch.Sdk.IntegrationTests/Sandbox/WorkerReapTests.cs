using AsiArch.Sdk.IntegrationTests.Engineering;
using AsiArch.Sdk.Sandbox;
using static AsiArch.Sdk.IntegrationTests.Sandbox.WorkerTestSupport;

namespace AsiArch.Sdk.IntegrationTests.Sandbox;

/// <summary>
/// A job returns as soon as its result is in; the worker's exit and its scratch directory's removal finish in the
/// background, and disposing the client waits for them: nothing is left behind.
/// </summary>
[Collection("torch")]
public sealed class WorkerReapTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "asiarch-reap-" + Guid.NewGuid().ToString("N")[..8]);

    public WorkerReapTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ProbeAndTrain_AfterDispose_NoWorkerProcessOrScratchDirectoryIsLeft(bool keepWorkerReady)
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        var client = new WorkerClient(new SandboxOptions { Threads = 1, ScratchRoot = _root, KeepWorkerReady = keepWorkerReady });
        var probed = await client.ProbeAsync(artifact, Tiny, seed: 1);
        var trained = await client.TrainAsync(new TrainingRequest { Candidate = artifact, Profile = Tiny, Seed = 1 }, null);
        var workers = Directory.EnumerateDirectories("/proc")
            .Where(d => ReadCommandLine(d).Contains(_root, StringComparison.Ordinal))
            .Select(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

        client.Dispose();

        Assert.True(probed.Failure is null, probed.Failure?.ToString());
        Assert.True(trained.Failure is null, trained.Failure?.ToString());
        Assert.NotNull(trained.Training);
        foreach (var pid in workers)
        {
            await WaitUntilGoneAsync(pid);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    private static string ReadCommandLine(string procDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procDirectory, "cmdline"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
