using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.IntegrationTests.Sandbox;

/// <summary>
/// bubblewrap's --die-with-parent (PR_SET_PDEATHSIG) fires when the <em>thread</em> that forked it ends. A run started
/// from a thread that ends while the child still runs (as a thread-pool thread retires after ~20 s idle) must complete.
/// </summary>
public sealed class SandboxParentThreadTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "asiarch-parent-thread-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_StartingThreadEndsWhileTheChildRuns_ChildRunsToCompletion()
    {
        var launcher = new SandboxLauncher();
        Assert.Equal(SandboxLevel.OsSandbox, launcher.Level);
        Task<SandboxRunResult>? run = null;
        var starter = new Thread(() =>
        {
            run = launcher.RunAsync(new SandboxCommand
            {
                FileName = "/bin/sh",
                Arguments = ["-c", "sleep 2; echo survived"],
                ScratchDirectory = _scratch,
                Timeout = TimeSpan.FromSeconds(30),
            });

            // Outlive bubblewrap's start-up (it arms the parent-death signal then), then end before the child does.
            Thread.Sleep(700);
        });
        starter.Start();
        starter.Join();

        var result = await run!;

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("survived", result.OutputTail);
    }
}
